package io.nodescope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rule takes a value from: a constant, or a root ({@code $class}, {@code $declaring_class},
 * {@code $method}, {@code $this}, {@code $return}, {@code $argN}) followed by a short path of
 * getters, fields or record components ({@code $arg0.type().label()}). A leading {@code $$} writes a literal {@code $}.
 */
public final class ValueExpression {

    /** Where evaluation starts. */
    public enum Root {
        CONSTANT, CLASS, DECLARING_CLASS, METHOD, THIS, RETURN, ARGUMENT
    }

    /** One step of a path: {@code name()} calls a method; {@code name} tries an accessor, a getter, then a field. */
    public static final class Step {
        private final String name;
        private final boolean call;

        Step(String name, boolean call) {
            this.name = name;
            this.call = call;
        }

        public String name() {
            return name;
        }

        public boolean isCall() {
            return call;
        }

        @Override
        public String toString() {
            return call ? name + "()" : name;
        }
    }

    private static final Pattern ARGUMENT = Pattern.compile("arg(\\d{1,3})");
    private static final Pattern STEP = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)(\\(\\))?");

    private final String text;
    private final Root root;
    private final int argument;
    private final String constant;
    private final List<Step> path;

    private ValueExpression(String text, Root root, int argument, String constant, List<Step> path) {
        this.text = text;
        this.root = root;
        this.argument = argument;
        this.constant = constant;
        this.path = path;
    }

    /** Parses an expression, or returns why it cannot be read. */
    public static ValueExpression parse(String text) throws IllegalArgumentException {
        if (!text.startsWith("$") || text.startsWith("$$")) {
            return new ValueExpression(text, Root.CONSTANT, -1, text.startsWith("$$") ? text.substring(1) : text, List.of());
        }
        String[] parts = text.substring(1).split("\\.", -1);
        Root root;
        int argument = -1;
        Matcher arg = ARGUMENT.matcher(parts[0]);
        if (arg.matches()) {
            root = Root.ARGUMENT;
            argument = Integer.parseInt(arg.group(1));
        } else {
            root = rootNamed(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' starts with an unknown root $" + parts[0] + "; expected $class, $declaring_class,"
                            + " $method, $this, $return or $argN (write $$ for a literal $)"));
        }
        List<Step> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Matcher step = STEP.matcher(parts[i]);
            if (!step.matches()) {
                throw new IllegalArgumentException("'" + text + "' has an invalid path step '" + parts[i]
                        + "'; expected a name like type or type()");
            }
            path.add(new Step(step.group(1), step.group(2) != null));
        }
        if (!path.isEmpty() && (root == Root.CLASS || root == Root.DECLARING_CLASS || root == Root.METHOD)) {
            throw new IllegalArgumentException("'" + text + "': $" + parts[0] + " is a name and takes no path");
        }
        return new ValueExpression(text, root, argument, null, Collections.unmodifiableList(path));
    }

    private static Optional<Root> rootNamed(String name) {
        switch (name) {
            case "class":
                return Optional.of(Root.CLASS);
            case "declaring_class":
                return Optional.of(Root.DECLARING_CLASS);
            case "method":
                return Optional.of(Root.METHOD);
            case "this":
                return Optional.of(Root.THIS);
            case "return":
                return Optional.of(Root.RETURN);
            default:
                return Optional.empty();
        }
    }

    public Root root() {
        return root;
    }

    /** The argument index for {@link Root#ARGUMENT}, else -1. */
    public int argument() {
        return argument;
    }

    /** The value of a {@link Root#CONSTANT}, else null. */
    public String constantValue() {
        return constant;
    }

    public List<Step> path() {
        return path;
    }

    /** The expression as written in the rules file. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
