package org.example.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each query type against the real embedded RDF4J store. */
class TripleStoreTest {
    private final TripleStore triples = new TripleStore();

    @AfterEach
    void close() {
        triples.close();
    }

    @Test
    void updateThenSelectAskAndConstruct() {
        triples.update("INSERT DATA { GRAPH <urn:g:1> { <urn:a> <urn:name> \"A\" . <urn:b> <urn:name> \"B\" } }");

        var rows = triples.select("SELECT ?s ?name WHERE { GRAPH <urn:g:1> { ?s <urn:name> ?name } } ORDER BY ?s");
        assertEquals(List.of("urn:a", "urn:b"), rows.stream().map(row -> row.get("s").stringValue()).toList());
        assertEquals("B", rows.get(1).get("name").stringValue());
        assertTrue(triples.ask("ASK { GRAPH <urn:g:1> { <urn:a> ?p ?o } }"));
        assertFalse(triples.ask("ASK { GRAPH <urn:g:2> { ?s ?p ?o } }"));
        assertEquals(2, triples.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:g:1> { ?s ?p ?o } }").size());
    }

    @Test
    void malformedSparqlFailsWithItsOwnException() {
        assertThrows(SparqlSyntaxException.class, () -> triples.select("SELECT ?s WHERE {"));
        assertThrows(SparqlSyntaxException.class, () -> triples.ask("ASK"));
        assertThrows(SparqlSyntaxException.class, () -> triples.construct("CONSTRUCT WHERE"));
        assertThrows(SparqlSyntaxException.class, () -> triples.select("ASK { ?s ?p ?o }"), "not a SELECT");
    }

    @Test
    void selectHoldsAtMostMaxRows() {
        StringBuilder data = new StringBuilder("INSERT DATA {");
        for (int i = 0; i <= TripleStore.MAX_ROWS; i++) {
            data.append(" <urn:s:").append(i).append("> <urn:p> ").append(i).append(" .");
        }
        triples.update(data.append(" }").toString());

        assertEquals(TripleStore.MAX_ROWS, triples.select("SELECT ?s WHERE { ?s <urn:p> ?o }").size());
    }
}
