package io.nodescope.agent.config;

import io.nodescope.instrumentation.Kind;
import java.util.Map;

/** A rule: which methods, what kind of thing they are, and where the values for that kind come from. */
public final class Rule {

    private final String name;
    private final Kind kind;
    private final ClassSelector classes;
    private final MethodSelector methods;
    private final Map<String, ValueExpression> values;
    private final String location;

    Rule(String name, Kind kind, ClassSelector classes, MethodSelector methods, Map<String, ValueExpression> values, String location) {
        this.name = name;
        this.kind = kind;
        this.classes = classes;
        this.methods = methods;
        this.values = Map.copyOf(values);
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
    public Map<String, ValueExpression> values() {
        return values;
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
