package org.example.node.store;

import java.util.List;
import java.util.Objects;

/**
 * A published set of assertions (one triple per string), versioned by updates and kept until it expires.
 */
public record KnowledgeCollection(Ual ual, List<String> assertions, int version, long expiresAtMillis) {
    public KnowledgeCollection {
        Objects.requireNonNull(ual, "ual");
        assertions = List.copyOf(assertions);
    }

    public boolean isExpiredAt(long epochMillis) {
        return expiresAtMillis <= epochMillis;
    }

    /** The next version of this collection, holding the given assertions instead. */
    public KnowledgeCollection withAssertions(List<String> newAssertions) {
        return new KnowledgeCollection(ual, newAssertions, version + 1, expiresAtMillis);
    }
}
