package org.example.node.store;

/** A knowledge collection's assertions are not valid N-Triples. */
public class MalformedAssertionException extends Exception {
    MalformedAssertionException(String message) {
        super(message);
    }
}
