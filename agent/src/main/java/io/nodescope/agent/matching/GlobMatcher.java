package io.nodescope.agent.matching;

import io.nodescope.agent.config.NamePattern;
import net.bytebuddy.description.NamedElement;
import net.bytebuddy.matcher.ElementMatcher;

/** Matches a type's or method's name against a rule's exact name or glob. */
final class GlobMatcher<T extends NamedElement> extends ElementMatcher.Junction.AbstractBase<T> {

    private final NamePattern pattern;

    GlobMatcher(NamePattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean matches(T target) {
        return pattern.matches(target.getActualName());
    }

    @Override
    public String toString() {
        return "name(" + pattern + ")";
    }
}
