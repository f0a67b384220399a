package org.example.node.operation;

/**
 * One operation as stored.
 *
 * @param kind       what the operation does, e.g. {@code publish}
 * @param blockchain null when the operation names none
 * @param error      why it failed; null unless {@link OperationStatus#FAILED}
 */
public record Operation(String operationId, String kind, String blockchain, OperationStatus status, String error,
                        long createdAtMillis, long updatedAtMillis) {
}
