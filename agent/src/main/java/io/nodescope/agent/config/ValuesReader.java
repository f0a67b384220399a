package io.nodescope.agent.config;

import io.nodescope.agent.config.RuleValue.TextCase;
import io.nodescope.agent.config.TomlSection.Located;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule's {@code values} table: each key one expression ({@code "$arg0.type"}), alternatives
 * tried in order ({@code ["$arg0.type", "$class"]}), or a table that also sets the case
 * ({@code { from = "$arg0.type", case = "lower" }}).
 */
final class ValuesReader {

    private static final String FROM = "from";
    private static final String CASE = "case";

    private ValuesReader() {
    }

    /** Key to value, the kind's subject defaulting to {@code $class}; null when the table has problems (reported). */
    static Map<String, RuleValue> read(TomlSection rule, Optional<Kind> kind) {
        Map<String, RuleValue> values = new LinkedHashMap<>();
        Optional<TomlSection> section = rule.section("values");
        boolean valid = section.isPresent() || !rule.has("values");
        if (section.isPresent()) {
            TomlSection table = section.get();
            Set<String> allowed = new TreeSet<>(Kinds.ATTRIBUTE_KEYS);
            kind.ifPresent(k -> allowed.addAll(k.valueKeys()));
            Set<String> numeric = new TreeSet<>();
            kind.ifPresent(k -> numeric.addAll(k.numericKeys()));
            table.rejectUnknown(allowed);
            for (String key : allowed) {
                if (table.has(key)) {
                    RuleValue value = value(table, key, numeric.contains(key));
                    if (value == null) {
                        valid = false;
                    } else {
                        values.put(key, value);
                    }
                }
            }
        }
        kind.flatMap(Kind::subject).ifPresent(subject -> values.putIfAbsent(subject, RuleValue.of(ValueExpression.parse("$class"))));
        return valid ? values : null;
    }

    private static RuleValue value(TomlSection values, String key, boolean numeric) {
        TomlSection where = values;
        String from = key;
        TextCase textCase = TextCase.AS_READ;
        if (values.isTable(key)) {
            where = values.section(key).orElseThrow();
            where.rejectUnknown(List.of(FROM, CASE));
            if (!where.has(FROM)) {
                where.problem("give the expression to read as from = \"...\", or alternatives tried in order as from = [\"...\", \"...\"]");
                return null;
            }
            from = FROM;
            Optional<String> caseName = where.string(CASE);
            if (caseName.isPresent()) {
                Optional<TextCase> named = TextCase.named(caseName.get());
                if (named.isEmpty()) {
                    where.problem(CASE, "expected \"lower\" or \"upper\", found \"" + caseName.get() + "\"");
                    return null;
                }
                textCase = named.get();
            } else if (where.has(CASE)) {
                return null;
            }
        }
        List<Located> texts = where.locatedStrings(from);
        if (texts.isEmpty()) {
            if (where.isEmptyArray(from)) {
                where.problem(from, "give at least one expression; alternatives are tried in order until one gives a value");
            }
            return null;
        }
        if (numeric && (texts.size() > 1 || textCase != TextCase.AS_READ)) {
            values.problem(key, "values." + key + " is recorded as a number: give one expression, without alternatives or case");
            return null;
        }
        return alternatives(where, from, texts, numeric, textCase);
    }

    private static RuleValue alternatives(TomlSection where, String key, List<Located> texts, boolean numeric, TextCase textCase) {
        List<ValueExpression> alternatives = new ArrayList<>();
        for (Located text : texts) {
            try {
                ValueExpression expression = ValueExpression.parse(text.value);
                Optional<String> problem = numeric ? notANumber(expression) : Optional.empty();
                if (problem.isPresent()) {
                    where.problemAt(text.position, key, problem.get());
                    return null;
                }
                if (!alternatives.isEmpty() && alwaysGivesValue(alternatives.get(alternatives.size() - 1))) {
                    where.problemAt(text.position, key, "'" + text.value + "' is never tried: '" + alternatives.get(alternatives.size() - 1)
                            + "' before it always gives a value; put that one last");
                    return null;
                }
                alternatives.add(expression);
            } catch (IllegalArgumentException e) {
                where.problemAt(text.position, key, e.getMessage());
                return null;
            }
        }
        return new RuleValue(alternatives, textCase);
    }

    /** A name or a non-empty literal: an alternative after it would never be tried. */
    private static boolean alwaysGivesValue(ValueExpression expression) {
        switch (expression.root()) {
            case CONSTANT:
                return !expression.constantValue().isEmpty();
            case CLASS:
            case DECLARING_CLASS:
            case METHOD:
                return true;
            default:
                return false;
        }
    }

    /**
     * Why an expression whose value is recorded as a number can never give one: a constant that
     * is not a finite number, or a name ({@code $class}, {@code $method}). Empty when it can.
     */
    private static Optional<String> notANumber(ValueExpression expression) {
        switch (expression.root()) {
            case CONSTANT:
                String constant = expression.constantValue().trim();
                boolean finite;
                try {
                    finite = Double.isFinite(Double.parseDouble(constant));
                } catch (NumberFormatException e) {
                    finite = false;
                }
                return finite ? Optional.empty() : Optional.of("'" + expression.text() + "' is not a number, and this value is"
                        + " recorded as one; read it from the call ($this.queue, $return.count()) or write a constant like '12'");
            case CLASS:
            case DECLARING_CLASS:
            case METHOD:
                return Optional.of(expression.text() + " is a name, not a number, and this value is recorded as one;"
                        + " read it from the call ($this.queue, $return.count())");
            default:
                return Optional.empty();
        }
    }
}
