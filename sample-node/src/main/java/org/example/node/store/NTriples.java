package org.example.node.store;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.helpers.NTriplesUtil;
import org.eclipse.rdf4j.rio.helpers.StatementCollector;
import org.eclipse.rdf4j.rio.ntriples.NTriplesParser;

/** Assertions as the node exchanges them: N-Triples lines, parsed strictly before they reach SPARQL text. */
public final class NTriples {
    private NTriples() {
    }

    /** @throws MalformedAssertionException naming the first line that is not a valid N-Triples statement */
    static List<Statement> parse(List<String> lines) throws MalformedAssertionException {
        StatementCollector statements = new StatementCollector();
        NTriplesParser parser = new NTriplesParser();
        parser.setRDFHandler(statements);
        try {
            parser.parse(new StringReader(String.join("\n", lines)));
        } catch (RDFParseException e) {
            throw new MalformedAssertionException("assertions are not valid N-Triples: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return List.copyOf(statements.getStatements());
    }

    /** @throws MalformedAssertionException if a line is not a valid N-Triples statement */
    public static void check(List<String> lines) throws MalformedAssertionException {
        parse(lines);
    }

    /** One statement as an N-Triples line, which is also valid inside SPARQL {@code INSERT DATA}. */
    static String format(Statement statement) {
        return NTriplesUtil.toNTriplesString(statement.getSubject()) + " "
                + NTriplesUtil.toNTriplesString(statement.getPredicate()) + " "
                + NTriplesUtil.toNTriplesString(statement.getObject()) + " .";
    }
}
