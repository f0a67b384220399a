package org.example.node.command;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.example.node.operation.OperationRepository;
import org.example.node.store.KnowledgeStore;

/** Removes expired knowledge collections and operations finished long ago. Takes no payload. */
public class CleanupCommand implements Command {
    /** Long enough for a client to look up how its operation ended. */
    static final Duration OPERATION_RETENTION = Duration.ofMinutes(10);

    private final KnowledgeStore store;
    private final OperationRepository operations;
    private final Clock clock;

    public CleanupCommand(KnowledgeStore store, OperationRepository operations, Clock clock) {
        this.store = store;
        this.operations = operations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return CommandType.CLEANUP.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        long now = clock.millis();
        int removed = store.removeExpired(now);
        int operationsRemoved;
        try {
            operationsRemoved = operations.deleteFinishedBefore(now - OPERATION_RETENTION.toMillis());
        } catch (SQLException e) {
            throw new CommandException("could not delete finished operations: " + e.getMessage(), e);
        }
        return new CommandResult(request.operationId(), Map.of("removed", removed,
                "operations_removed", operationsRemoved));
    }
}
