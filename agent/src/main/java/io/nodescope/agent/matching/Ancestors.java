package io.nodescope.agent.matching;

import java.util.HashSet;
import java.util.Set;

/**
 * Which of the rules' supertypes a class is or inherits, and whether all of its ancestors could be
 * read: a class whose ancestors cannot all be found may still reach a supertype through the missing
 * ones (the filter lets it through) but is not selected by one (it could not load either).
 */
public final class Ancestors {

    static final Ancestors NONE = new Ancestors(Set.of(), true);

    private final Set<String> found;
    private final boolean complete;

    private Ancestors(Set<String> found, boolean complete) {
        this.found = found;
        this.complete = complete;
    }

    static Ancestors unreadable() {
        return new Ancestors(Set.of(), false);
    }

    /** The class is or inherits {@code name}, as far as its ancestors could be read. */
    boolean reaches(String name) {
        return found.contains(name);
    }

    /** The class is or inherits {@code name}, or an ancestor that could not be read might. */
    boolean mayReach(String name) {
        return !complete || found.contains(name);
    }

    /** Whether every ancestor's class file was found and read. */
    boolean allFound() {
        return complete;
    }

    /** This and {@code other}, for a class with both among its ancestors. */
    Ancestors and(Ancestors other) {
        if (other == NONE || other == this) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        Set<String> both = new HashSet<>(found);
        both.addAll(other.found);
        return new Ancestors(Set.copyOf(both), complete && other.complete);
    }

    /** This and the class itself, when it is one of the supertypes. */
    Ancestors and(String name) {
        return and(new Ancestors(Set.of(name), true));
    }
}
