package io.nodescope.agent.it;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/** {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} over gRPC. */
final class GrpcTraceService extends TraceServiceGrpc.TraceServiceImplBase {

    private final ReceivedTraces traces;

    GrpcTraceService(ReceivedTraces traces) {
        this.traces = traces;
    }

    @Override
    public void export(
            ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
        traces.record(request);
        response.onNext(ExportTraceServiceResponse.getDefaultInstance());
        response.onCompleted();
    }
}
