package org.example.node.store;

/** The SPARQL text does not parse: the query's author has to fix it, retrying cannot help. */
public class SparqlSyntaxException extends TripleStoreException {
    SparqlSyntaxException(Throwable cause) {
        super("malformed SPARQL", cause);
    }
}
