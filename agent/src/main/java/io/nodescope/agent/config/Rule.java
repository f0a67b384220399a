package io.nodescope.agent.config;

import io.nodescope.instrumentation.Kind;
import java.util.Map;
import java.util.Optional;

/** A rule: which methods, what kind of thing they are, and where the values for that kind come from. */
public final class Rule {

    private final String name;
    private final Kind kind;
    private final ClassSelector classes;
    private final MethodSelector methods;
    private final Map<String, RuleValue> values;
    private final RuleSpanKind spanKind;
    private final boolean outermostOnly;
    private final LazyResult lazy;
    private final String location;

    /**
     * {@code spanKind} is null when the rule leaves the span kind to its kind; {@code outermostOnly}:
     * a call made inside another call of the same kind on the same thread is not recorded.
     */
    Rule(String name, Kind kind, ClassSelector classes, MethodSelector methods, Map<String, RuleValue> values,
            RuleSpanKind spanKind, boolean outermostOnly, LazyResult lazy, String location) {
        this.name = name;
        this.kind = kind;
        this.classes = classes;
        this.methods = methods;
        this.values = Map.copyOf(values);
        this.spanKind = spanKind;
        this.outermostOnly = outermostOnly;
        this.lazy = lazy;
        this.location = location;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public ClassSelector classes() {
        return classes;
    }

    public MethodSelector methods() {
        return methods;
    }

    /** Attribute key to value source; the kind's subject is always present. */
    public Map<String, RuleValue> values() {
        return values;
    }

    /** The span kind the rule sets ({@code span_kind}), over the one its kind derives. */
    public Optional<RuleSpanKind> spanKind() {
        return Optional.ofNullable(spanKind);
    }

    /** {@code nested = "outermost"}: only the outermost of nested calls of the rule's kind on one thread is recorded. */
    public boolean outermostOnly() {
        return outermostOnly;
    }

    /** {@code lazy}: what the call waits for after its method returns; {@link LazyResult#any()} false when the rule gives none. */
    public LazyResult lazy() {
        return lazy;
    }

    /** Where the rule is written, {@code file:line}. */
    public String location() {
        return location;
    }

    @Override
    public String toString() {
        return name + " (" + location + ")";
    }
}
