package org.example.node.command;

import java.util.List;
import java.util.Map;
import org.example.node.operation.Operations;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.MalformedAssertionException;
import org.example.node.store.Ual;

/**
 * Replaces the assertions of a collection, as its next version, tracked as an {@code update} operation.
 * Payload: {@code ual}, {@code assertions}.
 */
public class UpdateCommand implements Command {
    private final KnowledgeStore store;
    private final Operations operations;

    public UpdateCommand(KnowledgeStore store, Operations operations) {
        this.store = store;
        this.operations = operations;
    }

    @Override
    public String name() {
        return CommandType.UPDATE.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        Ual ual = request.requiredUal();
        List<String> assertions = Assertions.from(request);
        return operations.run(request.operationId(), name(), ual.blockchain(), () -> {
            SimulatedLatency.pause(2, 12); // the chain transaction that bumps the version
            KnowledgeCollection updated;
            try {
                updated = store.update(ual, assertions)
                        .orElseThrow(() -> new InvalidCommandException("unknown ual " + ual));
            } catch (MalformedAssertionException e) {
                throw new InvalidCommandException(e.getMessage());
            }
            return new CommandResult(request.operationId(),
                    Map.of("ual", ual.toString(), "version", updated.version()));
        });
    }
}
