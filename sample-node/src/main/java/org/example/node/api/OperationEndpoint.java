package org.example.node.api;

import java.io.InputStream;
import java.sql.SQLException;
import org.example.node.operation.Operation;
import org.example.node.operation.OperationRepository;

/** {@code GET /operations/<operation_id>}: what became of an operation a command started. */
final class OperationEndpoint implements JsonRoute.Endpoint {
    private final OperationRepository operations;

    OperationEndpoint(OperationRepository operations) {
        this.operations = operations;
    }

    @Override
    public JsonResponse respond(String operationId, InputStream body) {
        try {
            return operations.findById(operationId)
                    .map(OperationEndpoint::view)
                    .orElseGet(() -> JsonResponse.error(404, "unknown operation " + operationId));
        } catch (SQLException e) {
            return JsonResponse.error(500, "could not read the operation: " + e.getMessage(), operationId);
        }
    }

    /** The status as its label, like every other enum-like value the API shows. */
    private static JsonResponse view(Operation operation) {
        return JsonResponse.ok(new OperationView(operation.operationId(), operation.kind(), operation.blockchain(),
                operation.status().label(), operation.error(), operation.createdAtMillis(),
                operation.updatedAtMillis()));
    }

    record OperationView(String operationId, String kind, String blockchain, String status, String error,
                         long createdAtMillis, long updatedAtMillis) {
    }
}
