package io.nodescope.agent.it;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;

/** {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} over gRPC. */
final class GrpcLogsService extends LogsServiceGrpc.LogsServiceImplBase {

    private final ReceivedRequests<ExportLogsServiceRequest> logs;

    GrpcLogsService(ReceivedRequests<ExportLogsServiceRequest> logs) {
        this.logs = logs;
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
        logs.record(request);
        response.onNext(ExportLogsServiceResponse.getDefaultInstance());
        response.onCompleted();
    }
}
