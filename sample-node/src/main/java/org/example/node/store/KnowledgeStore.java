package org.example.node.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.rio.helpers.NTriplesUtil;

/**
 * The node's knowledge collections, published here or synced from peers, kept as triples: each collection's
 * assertions form a named graph called by its UAL, and a metadata graph records each collection's chain,
 * version, expiry and change sequence. Every read and write is a SPARQL request to the {@link TripleStore}.
 */
public final class KnowledgeStore {
    private static final String METADATA = "<urn:node:metadata>";
    private static final String COLLECTION_CLASS = "<urn:node:KnowledgeCollection>";
    private static final String BLOCKCHAIN = "<urn:node:blockchain>";
    private static final String VERSION = "<urn:node:version>";
    private static final String EXPIRES_AT = "<urn:node:expiresAt>";
    /** Local order of changes, so peers can ask for what changed since they last looked. */
    private static final String SEQUENCE = "<urn:node:sequence>";

    /** A collection with its place in this node's change sequence. */
    public record Change(long sequence, KnowledgeCollection collection) {
    }

    private final TripleStore triples;
    private long lastSequence;

    public KnowledgeStore(TripleStore triples) {
        this.triples = triples;
    }

    /** Stores a collection under a UAL not used before. */
    public synchronized void insert(KnowledgeCollection collection) throws MalformedAssertionException {
        triples.update("INSERT DATA { " + graphs(collection, NTriples.parse(collection.assertions())) + " }");
    }

    /**
     * Stores a collection from a peer unless this node already holds that version or a later one.
     *
     * @return false if it was a duplicate and nothing changed
     */
    public synchronized boolean insertIfNewer(KnowledgeCollection collection) throws MalformedAssertionException {
        List<Statement> statements = NTriples.parse(collection.assertions());
        String ual = iri(collection.ual());
        if (triples.ask("ASK { GRAPH " + METADATA + " { " + ual + " " + VERSION + " ?version"
                + " FILTER(?version >= " + collection.version() + ") } }")) {
            return false;
        }
        triples.update(dropCollection(ual) + " ; INSERT DATA { " + graphs(collection, statements) + " }");
        return true;
    }

    /**
     * Replaces a collection's assertions, as its next version.
     *
     * @return the new collection, or empty if none has this UAL
     */
    public synchronized Optional<KnowledgeCollection> update(Ual ual, List<String> assertions)
            throws MalformedAssertionException {
        List<Statement> statements = NTriples.parse(assertions);
        Optional<KnowledgeCollection> current = get(ual);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        KnowledgeCollection next = current.get().withAssertions(assertions);
        triples.update(dropCollection(iri(ual)) + " ; INSERT DATA { " + graphs(next, statements) + " }");
        return get(ual);
    }

    public Optional<KnowledgeCollection> get(Ual ual) {
        String graph = iri(ual);
        List<Map<String, Value>> rows = triples.select("SELECT ?version ?expiresAt WHERE { GRAPH " + METADATA
                + " { " + graph + " " + VERSION + " ?version ; " + EXPIRES_AT + " ?expiresAt } }");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> assertions = triples.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH " + graph + " { ?s ?p ?o } }")
                .stream().map(NTriples::format).sorted().toList();
        Map<String, Value> row = rows.get(0);
        return Optional.of(new KnowledgeCollection(ual, assertions, number(row.get("version")).intValue(),
                number(row.get("expiresAt")).longValue()));
    }

    /**
     * UALs of collections with a subject, predicate or object containing the term.
     *
     * @param blockchain narrows the search to that chain; null searches all
     */
    public List<Ual> findContaining(String term, String blockchain, int limit) {
        String chainFilter = blockchain == null ? "" : " ; " + BLOCKCHAIN + " " + literal(blockchain);
        String needle = literal(term);
        return triples.select("SELECT DISTINCT ?collection WHERE {"
                        + " GRAPH " + METADATA + " { ?collection a " + COLLECTION_CLASS + chainFilter + " }"
                        + " GRAPH ?collection { ?s ?p ?o"
                        + " FILTER(CONTAINS(STR(?s), " + needle + ") || CONTAINS(STR(?p), " + needle + ")"
                        + " || CONTAINS(STR(?o), " + needle + ")) } } LIMIT " + limit)
                .stream().map(row -> Ual.parse(row.get("collection").stringValue())).toList();
    }

    /**
     * Runs a client's SPARQL SELECT; values come back as N-Triples terms.
     *
     * @throws SparqlSyntaxException if the query does not parse, or is no SELECT
     */
    public List<Map<String, String>> select(String sparql, int limit) {
        List<Map<String, Value>> all = triples.select(sparql);
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, Value> row : all.subList(0, Math.min(limit, all.size()))) {
            Map<String, String> terms = new LinkedHashMap<>();
            row.forEach((name, value) -> terms.put(name, NTriplesUtil.toNTriplesString(value)));
            rows.add(terms);
        }
        return rows;
    }

    /** Collections on the chain changed after the given sequence number, oldest change first. */
    public List<Change> changedSince(String blockchain, long afterSequence, int limit) {
        return triples.select("SELECT ?collection ?sequence WHERE { GRAPH " + METADATA + " { ?collection "
                        + BLOCKCHAIN + " " + literal(blockchain) + " ; " + SEQUENCE + " ?sequence"
                        + " FILTER(?sequence > " + afterSequence + ") } } ORDER BY ?sequence LIMIT " + limit)
                .stream()
                .flatMap(row -> get(Ual.parse(row.get("collection").stringValue()))
                        .map(collection -> new Change(number(row.get("sequence")).longValue(), collection))
                        .stream())
                .toList();
    }

    /** @return how many collections were removed */
    public synchronized int removeExpired(long nowMillis) {
        String expired = "GRAPH " + METADATA + " { ?collection " + EXPIRES_AT + " ?expiresAt"
                + " FILTER(?expiresAt <= " + nowMillis + ") }";
        int count = triples.select("SELECT ?collection WHERE { " + expired + " }").size();
        if (count > 0) {
            triples.update("DELETE { GRAPH ?collection { ?s ?p ?o } } WHERE { " + expired
                    + " GRAPH ?collection { ?s ?p ?o } } ;"
                    + " DELETE { GRAPH " + METADATA + " { ?collection ?p ?o } } WHERE { " + expired
                    + " GRAPH " + METADATA + " { ?collection ?p ?o } }");
        }
        return count;
    }

    public int size() {
        return number(triples.select("SELECT (COUNT(?collection) AS ?count) WHERE { GRAPH " + METADATA
                + " { ?collection a " + COLLECTION_CLASS + " } }").get(0).get("count")).intValue();
    }

    /** The collection's named graph and its metadata, as the body of an {@code INSERT DATA}. */
    private String graphs(KnowledgeCollection collection, List<Statement> statements) {
        String ual = iri(collection.ual());
        String assertions = statements.stream().map(NTriples::format).collect(Collectors.joining(" "));
        return "GRAPH " + ual + " { " + assertions + " } GRAPH " + METADATA + " { " + ual + " a " + COLLECTION_CLASS
                + " ; " + BLOCKCHAIN + " " + literal(collection.ual().blockchain())
                + " ; " + VERSION + " " + collection.version()
                + " ; " + EXPIRES_AT + " " + collection.expiresAtMillis()
                + " ; " + SEQUENCE + " " + (++lastSequence) + " }";
    }

    private static String dropCollection(String ual) {
        return "DROP SILENT GRAPH " + ual + " ; DELETE WHERE { GRAPH " + METADATA + " { " + ual + " ?p ?o } }";
    }

    /** UALs are validated by {@link Ual}, so they need no escaping inside angle brackets. */
    private static String iri(Ual ual) {
        return "<" + ual + ">";
    }

    /** A string as an escaped SPARQL literal, so client text can never change the query around it. */
    private static String literal(String text) {
        return NTriplesUtil.toNTriplesString(SimpleValueFactory.getInstance().createLiteral(text));
    }

    private static Literal number(Value value) {
        return (Literal) value;
    }
}
