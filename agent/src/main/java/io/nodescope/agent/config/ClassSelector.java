package io.nodescope.agent.config;

import java.util.List;
import java.util.Optional;

/** Which classes a rule looks at. Every condition given must hold; excluded names never match. */
public final class ClassSelector {

    private final NamePattern name;
    private final String supertype;
    private final String annotation;
    private final List<NamePattern> excluded;
    private final boolean proxies;

    ClassSelector(NamePattern name, String supertype, String annotation, List<NamePattern> excluded, boolean proxies) {
        this.name = name;
        this.supertype = supertype;
        this.annotation = annotation;
        this.excluded = List.copyOf(excluded);
        this.proxies = proxies;
    }

    /** The class name, exact or a glob over the fully qualified name. */
    public Optional<NamePattern> name() {
        return Optional.ofNullable(name);
    }

    /** An interface or superclass, by fully qualified name, that the class implements or extends. */
    public Optional<String> supertype() {
        return Optional.ofNullable(supertype);
    }

    /** An annotation, by fully qualified name, present on the class. */
    public Optional<String> annotation() {
        return Optional.ofNullable(annotation);
    }

    public List<NamePattern> excluded() {
        return excluded;
    }

    /** {@code class.proxies = true}: classes a framework generates (proxies, mocks) may be selected too. */
    public boolean proxies() {
        return proxies;
    }
}
