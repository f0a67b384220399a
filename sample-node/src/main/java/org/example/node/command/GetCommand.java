package org.example.node.command;

import java.util.Map;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.Ual;

/** Reads one knowledge collection. Payload: {@code ual} (required). */
public class GetCommand implements Command {
    private final KnowledgeStore store;

    public GetCommand(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return CommandType.GET.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        Ual ual = request.requiredUal();
        KnowledgeCollection collection = store.get(ual)
                .orElseThrow(() -> new InvalidCommandException("unknown ual " + ual));
        return new CommandResult(request.operationId(), Map.of(
                "ual", ual.toString(),
                "version", collection.version(),
                "assertions", collection.assertions()));
    }
}
