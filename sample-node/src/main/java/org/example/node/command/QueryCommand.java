package org.example.node.command;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;

/**
 * Finds collections with an assertion containing a term. Payload: {@code contains} (required); the
 * request's blockchain, when given, narrows the search to that chain.
 */
public class QueryCommand implements Command {
    private static final int MAX_RESULTS = 20;

    private final KnowledgeStore store;

    public QueryCommand(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return CommandType.QUERY.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        String term = request.requiredPayload("contains");
        Predicate<KnowledgeCollection> filter = collection ->
                collection.assertions().stream().anyMatch(assertion -> assertion.contains(term));
        if (request.blockchain() != null) {
            String blockchain = request.requiredBlockchain();
            filter = filter.and(collection -> collection.ual().blockchain().equals(blockchain));
        }
        SimulatedLatency.pause(3, 20); // a query plan over the whole graph
        List<String> uals = store.query(filter, MAX_RESULTS).stream()
                .map(collection -> collection.ual().toString())
                .toList();
        return new CommandResult(request.operationId(), Map.of("count", uals.size(), "uals", uals));
    }
}
