package org.example.node.command;

import java.util.List;
import java.util.Map;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.SparqlSyntaxException;

/**
 * Searches the knowledge graph. Payload: either {@code sparql}, a SPARQL SELECT run as given, or
 * {@code contains}, a term to find in the assertions, narrowed to the request's blockchain when one is given.
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
        String sparql = request.optionalPayload("sparql").orElse(null);
        if (sparql != null) {
            return select(request, sparql);
        }
        String term = request.requiredPayload("contains");
        String blockchain = request.blockchain() == null ? null : request.requiredBlockchain();
        List<String> uals = store.findContaining(term, blockchain, MAX_RESULTS).stream().map(Object::toString).toList();
        return new CommandResult(request.operationId(), Map.of("count", uals.size(), "uals", uals));
    }

    private CommandResult select(CommandRequest request, String sparql) throws InvalidCommandException {
        List<Map<String, String>> rows;
        try {
            rows = store.select(sparql, MAX_RESULTS);
        } catch (SparqlSyntaxException e) {
            throw new InvalidCommandException(e.getMessage());
        }
        return new CommandResult(request.operationId(), Map.of("count", rows.size(), "rows", rows));
    }
}
