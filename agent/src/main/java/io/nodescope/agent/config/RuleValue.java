package io.nodescope.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rule's value: one expression, or alternatives tried in order until one gives a value
 * ({@code ["$arg0.command", "$this.name()", "$class"]}), with its text optionally lower- or
 * upper-cased ({@code { from = "$arg0.type", case = "lower" }}).
 */
public final class RuleValue {

    /** How a value's text is cased. */
    public enum TextCase {
        AS_READ, LOWER, UPPER;

        /** {@code text} in this case; the same object when nothing changes. */
        public String apply(String text) {
            switch (this) {
                case LOWER:
                    return text.toLowerCase(Locale.ROOT);
                case UPPER:
                    return text.toUpperCase(Locale.ROOT);
                default:
                    return text;
            }
        }

        static Optional<TextCase> named(String name) {
            switch (name) {
                case "lower":
                    return Optional.of(LOWER);
                case "upper":
                    return Optional.of(UPPER);
                default:
                    return Optional.empty();
            }
        }
    }

    private final List<ValueExpression> alternatives;
    private final TextCase textCase;

    RuleValue(List<ValueExpression> alternatives, TextCase textCase) {
        this.alternatives = List.copyOf(alternatives);
        this.textCase = textCase;
    }

    /** A value of one expression, as read. */
    public static RuleValue of(ValueExpression expression) {
        return new RuleValue(List.of(expression), TextCase.AS_READ);
    }

    /** The expressions in the order they are tried; never empty. */
    public List<ValueExpression> alternatives() {
        return alternatives;
    }

    public TextCase textCase() {
        return textCase;
    }

    /** The value as a rules file would write it, for messages. */
    public String text() {
        String from = alternatives.size() == 1 ? alternatives.get(0).text()
                : alternatives.stream().map(ValueExpression::text).collect(Collectors.joining(", ", "[", "]"));
        return textCase == TextCase.AS_READ ? from : from + " (" + textCase.name().toLowerCase(Locale.ROOT) + " case)";
    }

    @Override
    public String toString() {
        return text();
    }
}
