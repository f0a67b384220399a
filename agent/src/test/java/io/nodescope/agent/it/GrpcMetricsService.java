package io.nodescope.agent.it;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;

/** {@code opentelemetry.proto.collector.metrics.v1.MetricsService/Export} over gRPC. */
final class GrpcMetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {

    private final ReceivedRequests<ExportMetricsServiceRequest> metrics;

    GrpcMetricsService(ReceivedRequests<ExportMetricsServiceRequest> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> response) {
        metrics.record(request);
        response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
        response.onCompleted();
    }
}
