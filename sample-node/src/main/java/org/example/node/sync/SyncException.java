package org.example.node.sync;

/** A sync run could not bring the node up to date; the next run tries again. */
public class SyncException extends Exception {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
