package org.example.node.operation;

import java.sql.SQLException;
import java.time.Clock;

/**
 * Runs a piece of work as a tracked operation: recorded as created, then in_progress, then completed or
 * failed with the reason, so a client can look up what became of it by its operation id.
 */
public class Operations {
    /** The operation's work; its exception fails the operation and reaches the caller unchanged. */
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final OperationRepository repository;
    private final Clock clock;

    public Operations(OperationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * @param kind       e.g. {@code publish}
     * @param blockchain null when the operation names none
     * @throws OperationStoreException if the operation cannot be recorded; the work then does not run
     */
    public <T, E extends Exception> T run(String operationId, String kind, String blockchain, Work<T, E> work)
            throws E {
        long now = clock.millis();
        try {
            repository.insertOperation(new Operation(operationId, kind, blockchain, OperationStatus.CREATED, null,
                    now, now));
            repository.updateStatus(operationId, OperationStatus.IN_PROGRESS, null, clock.millis());
        } catch (SQLException e) {
            throw new OperationStoreException("could not record operation " + operationId, e);
        }
        T result;
        try {
            result = work.run();
        } catch (Exception e) {
            try {
                record(operationId, OperationStatus.FAILED, String.valueOf(e.getMessage()));
            } catch (OperationStoreException recordFailure) {
                e.addSuppressed(recordFailure); // the work's own failure is what the caller must see
            }
            throw e;
        }
        record(operationId, OperationStatus.COMPLETED, null);
        return result;
    }

    private void record(String operationId, OperationStatus status, String error) {
        try {
            repository.updateStatus(operationId, status, error, clock.millis());
        } catch (SQLException e) {
            throw new OperationStoreException("could not record operation " + operationId + " as " + status.label(), e);
        }
    }
}
