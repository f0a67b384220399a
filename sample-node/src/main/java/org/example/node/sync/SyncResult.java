package org.example.node.sync;

import java.util.Locale;

/** What became of a knowledge collection in a sync stage. */
public enum SyncResult {
    FETCHED, VALID, INVALID, INSERTED, DUPLICATE, FAILED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code duplicate}. */
    public String label() {
        return label;
    }
}
