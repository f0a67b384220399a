package org.example.node.command;

import java.time.Clock;
import java.util.Map;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeStore;

/** Removes expired knowledge collections. Takes no payload. */
public class CleanupCommand implements Command {
    private final KnowledgeStore store;
    private final Clock clock;

    public CleanupCommand(KnowledgeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return CommandType.CLEANUP.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) {
        SimulatedLatency.pause(1, 5); // compacting storage
        int removed = store.removeExpired(clock.millis());
        return new CommandResult(request.operationId(), Map.of("removed", removed));
    }
}
