package org.example.node.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commands a node accepts. */
public enum CommandType {
    PUBLISH, GET, QUERY, UPDATE, CLEANUP;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name clients send, e.g. {@code publish}. */
    public String label() {
        return label;
    }

    public static Optional<CommandType> fromLabel(String label) {
        return Arrays.stream(values()).filter(type -> type.label.equals(label)).findFirst();
    }
}
