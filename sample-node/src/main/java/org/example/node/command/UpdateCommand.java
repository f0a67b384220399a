package org.example.node.command;

import java.util.List;
import java.util.Map;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.Ual;

/** Replaces the assertions of a collection, as its next version. Payload: {@code ual}, {@code assertions}. */
public class UpdateCommand implements Command {
    private final KnowledgeStore store;

    public UpdateCommand(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return CommandType.UPDATE.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        Ual ual = request.requiredUal();
        List<String> assertions = Assertions.from(request);
        SimulatedLatency.pause(2, 12); // the chain transaction that bumps the version
        KnowledgeCollection updated = store.update(ual, current -> current.withAssertions(assertions))
                .orElseThrow(() -> new InvalidCommandException("unknown ual " + ual));
        return new CommandResult(request.operationId(), Map.of("ual", ual.toString(), "version", updated.version()));
    }
}
