package org.example.node.store;

/** The triple store could not run a query or update. */
public class TripleStoreException extends RuntimeException {
    TripleStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
