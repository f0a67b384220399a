package org.example.node.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.rdf4j.common.exception.RDF4JException;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.MalformedQueryException;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.memory.MemoryStore;

/**
 * An embedded RDF4J in-memory store spoken to only in SPARQL, one method per query type. SPARQL that does not
 * parse, or is of another query form than the method's, fails with {@link SparqlSyntaxException}; anything else
 * the store rejects, with {@link TripleStoreException}.
 */
public class TripleStore implements AutoCloseable {
    /** Caps what a single SELECT can hold in memory, whoever wrote the query. */
    static final int MAX_ROWS = 10_000;
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final Repository repository = new SailRepository(new MemoryStore());

    public TripleStore() {
        repository.init();
    }

    /** Runs a SELECT; each row maps the bound variable names to their values, at most {@link #MAX_ROWS} rows. */
    public List<Map<String, Value>> select(String sparql) {
        try (RepositoryConnection connection = repository.getConnection()) {
            var query = connection.prepareTupleQuery(QueryLanguage.SPARQL, sparql);
            query.setMaxExecutionTime(QUERY_TIMEOUT_SECONDS);
            List<Map<String, Value>> rows = new ArrayList<>();
            try (TupleQueryResult result = query.evaluate()) {
                for (BindingSet bindings : result) {
                    if (rows.size() == MAX_ROWS) {
                        break;
                    }
                    Map<String, Value> row = new LinkedHashMap<>();
                    bindings.forEach(binding -> row.put(binding.getName(), binding.getValue()));
                    rows.add(row);
                }
            }
            return rows;
        } catch (MalformedQueryException | IllegalArgumentException e) { // the latter: another query form
            throw new SparqlSyntaxException(e);
        } catch (RDF4JException e) {
            throw new TripleStoreException("SPARQL SELECT failed", e);
        }
    }

    public boolean ask(String sparql) {
        try (RepositoryConnection connection = repository.getConnection()) {
            var query = connection.prepareBooleanQuery(QueryLanguage.SPARQL, sparql);
            query.setMaxExecutionTime(QUERY_TIMEOUT_SECONDS);
            return query.evaluate();
        } catch (MalformedQueryException | IllegalArgumentException e) { // the latter: another query form
            throw new SparqlSyntaxException(e);
        } catch (RDF4JException e) {
            throw new TripleStoreException("SPARQL ASK failed", e);
        }
    }

    public List<Statement> construct(String sparql) {
        try (RepositoryConnection connection = repository.getConnection()) {
            var query = connection.prepareGraphQuery(QueryLanguage.SPARQL, sparql);
            query.setMaxExecutionTime(QUERY_TIMEOUT_SECONDS);
            try (var result = query.evaluate()) {
                return result.stream().limit(MAX_ROWS).toList();
            }
        } catch (MalformedQueryException | IllegalArgumentException e) { // the latter: another query form
            throw new SparqlSyntaxException(e);
        } catch (RDF4JException e) {
            throw new TripleStoreException("SPARQL CONSTRUCT failed", e);
        }
    }

    /** Runs a SPARQL UPDATE request; all its operations take effect together or not at all. */
    public void update(String sparql) {
        try (RepositoryConnection connection = repository.getConnection()) {
            connection.prepareUpdate(QueryLanguage.SPARQL, sparql).execute();
        } catch (MalformedQueryException e) {
            throw new SparqlSyntaxException(e);
        } catch (RDF4JException e) {
            throw new TripleStoreException("SPARQL UPDATE failed", e);
        }
    }

    @Override
    public void close() {
        repository.shutDown();
    }
}
