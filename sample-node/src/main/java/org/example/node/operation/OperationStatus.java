package org.example.node.operation;

import java.util.Locale;

/** Where an operation is in its lifecycle: created → in_progress → completed or failed. */
public enum OperationStatus {
    CREATED, IN_PROGRESS, COMPLETED, FAILED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The snake_case name stored in the database and shown to clients, e.g. {@code in_progress}. */
    public String label() {
        return label;
    }

    static OperationStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
