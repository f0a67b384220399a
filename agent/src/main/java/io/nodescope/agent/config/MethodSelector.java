package io.nodescope.agent.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which methods of a selected class a rule wraps. Every condition given must hold; excluded
 * names never match. Constructors, abstract, native, synthetic and bridge methods are never selected.
 */
public final class MethodSelector {

    private final NamePattern name;
    private final String annotation;
    private final List<String> parameterTypes;
    private final Integer parameterCount;
    private final Boolean isStatic;
    private final Boolean isPublic;
    private final List<NamePattern> excluded;

    MethodSelector(NamePattern name, String annotation, List<String> parameterTypes, Integer parameterCount,
            Boolean isStatic, Boolean isPublic, List<NamePattern> excluded) {
        this.name = name;
        this.annotation = annotation;
        this.parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
        this.parameterCount = parameterCount;
        this.isStatic = isStatic;
        this.isPublic = isPublic;
        this.excluded = List.copyOf(excluded);
    }

    public NamePattern name() {
        return name;
    }

    public Optional<String> annotation() {
        return Optional.ofNullable(annotation);
    }

    /** Exact parameter types by name ({@code int}, {@code java.lang.String}, {@code byte[]}), when given. */
    public Optional<List<String>> parameterTypes() {
        return Optional.ofNullable(parameterTypes);
    }

    public OptionalInt parameterCount() {
        return parameterCount == null ? OptionalInt.empty() : OptionalInt.of(parameterCount);
    }

    /** True for static methods only, false for instance methods only; empty for both. */
    public Optional<Boolean> isStatic() {
        return Optional.ofNullable(isStatic);
    }

    /** True for public methods only (a library's API, not its internals), false for the others; empty for both. */
    public Optional<Boolean> isPublic() {
        return Optional.ofNullable(isPublic);
    }

    public List<NamePattern> excluded() {
        return excluded;
    }
}
