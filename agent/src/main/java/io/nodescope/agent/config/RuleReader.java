package io.nodescope.agent.config;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads one {@code [[rule]]} table into a {@link Rule}, reporting every problem in it. */
final class RuleReader {

    private static final Set<String> RULE_KEYS = Set.of("name", "kind", "enabled", "class", "method", "exclude", "values",
            "span_kind", "nested", "lazy");
    private static final Set<String> CLASS_KEYS = Set.of("name", "supertype", "annotation", "proxies");
    private static final Set<String> METHOD_KEYS = Set.of("name", "annotation", "parameters", "parameter_count", "static", "public");
    private static final Set<String> EXCLUDE_KEYS = Set.of("classes", "methods");
    /** Values with one value per operation, peer or asset: span attributes only, never metric labels. */
    private static final Map<String, String> UNBOUNDED_VALUES = Map.of("operation_id", "operation", "peer_id", "peer",
            "ual", "knowledge asset");
    private static final String LABELS = "labels";
    private static final String SPAN_KIND = "span_kind";
    private static final String NESTED = "nested";
    private static final String LAZY = "lazy";
    private static final Set<String> LAZY_KEYS = Set.of("result", "closing_this");

    private RuleReader() {
    }

    /** The rule, or empty when it is switched off or has problems (which are reported). */
    static Optional<Rule> read(TomlSection rule) {
        rule.rejectUnknown(RULE_KEYS, Set.of(LABELS));
        Optional<String> name = rule.string("name");
        if (name.isEmpty()) {
            rule.problem("every rule needs a name = \"...\" (it labels the rule's self-metrics)");
        }
        Optional<Kind> kind = readKind(rule);
        Optional<ClassSelector> classes = readClasses(rule);
        MethodSelector methods = readMethods(rule);
        Map<String, RuleValue> values = ValuesReader.read(rule, kind);
        boolean labels = rejectLabels(rule, kind);
        Optional<RuleSpanKind> spanKind = readSpanKind(rule, kind);
        Optional<Boolean> outermostOnly = readNested(rule, kind);
        LazyResult lazy = readLazy(rule, kind);
        boolean enabled = rule.bool("enabled").orElse(true);
        if (!enabled || name.isEmpty() || kind.isEmpty() || classes.isEmpty() || methods == null || values == null || labels
                || rule.has(SPAN_KIND) && spanKind.isEmpty() || outermostOnly.isEmpty() || lazy == null) {
            return Optional.empty();
        }
        return Optional.of(new Rule(name.get(), kind.get(), classes.get(), methods, values, spanKind.orElse(null),
                outermostOnly.get(), lazy, rule.source() + ":" + rule.line()));
    }

    /**
     * {@code nested}: whether a call made inside another call of the same kind on the same thread is
     * recorded too ({@code "each"}) or only the outermost ({@code "outermost"}, the default for every
     * kind that records calls: a handler's entry point and the method it calls are one command, a
     * library query that runs another inside is one query). Empty after a problem, which is reported.
     */
    private static Optional<Boolean> readNested(TomlSection rule, Optional<Kind> kind) {
        boolean recordsCalls = kind.map(k -> k.subject().isPresent()).orElse(true);
        Optional<String> nested = rule.string(NESTED);
        if (nested.isEmpty()) {
            return rule.has(NESTED) ? Optional.empty() : Optional.of(recordsCalls);
        }
        if (!recordsCalls) {
            rule.problem(NESTED, "kind " + kind.get().name() + " records no calls; remove nested");
            return Optional.empty();
        }
        switch (nested.get()) {
            case "outermost":
                return Optional.of(true);
            case "each":
                return Optional.of(false);
            default:
                rule.problem(NESTED, "unknown value '" + nested.get() + "'; expected \"outermost\" (the default: a call inside"
                        + " another call of the same kind on the same thread is not recorded) or \"each\" (every call is)");
                return Optional.empty();
        }
    }

    /**
     * {@code lazy}: the method returns a result read after it returns ({@code result}, its type,
     * watched until used up, closed or failed) or runs on an object closed when the node is done
     * with it ({@code closing_this}). Null after a problem, which is reported.
     */
    private static LazyResult readLazy(TomlSection rule, Optional<Kind> kind) {
        if (!rule.has(LAZY)) {
            return LazyResult.NONE;
        }
        Optional<TomlSection> section = rule.section(LAZY);
        if (section.isEmpty()) {
            return null;
        }
        TomlSection lazy = section.get();
        lazy.rejectUnknown(LAZY_KEYS);
        if (kind.isPresent() && !kind.get().mayEndLater()) {
            rule.problem(LAZY, "kind " + kind.get().name() + " records what it reads when its method returns, so its calls"
                    + " cannot wait for a lazy result; remove lazy (it is for " + Kinds.all().stream().filter(Kind::mayEndLater)
                    .map(Kind::name).collect(Collectors.joining(", ")) + ")");
            return null;
        }
        Optional<String> result = checked(lazy, "result", JavaNames::exactClassName);
        if (result.isEmpty() && lazy.has("result")) {
            return null;
        }
        if (result.isPresent() && JavaNames.isJdkName(result.get())) {
            lazy.problem("result", "'" + result.get() + "' is a JDK type; the agent watches hasNext, next, forEachRemaining and"
                    + " close on every class of the result's type, and never on the JDK's own classes: give the library's result"
                    + " type (org.apache.jena.sparql.exec.RowSet), or leave result out and set closing_this = true");
            return null;
        }
        Optional<Boolean> closingThis = lazy.bool("closing_this");
        if (closingThis.isEmpty() && lazy.has("closing_this")) {
            return null;
        }
        if (result.isEmpty() && !closingThis.orElse(false)) {
            lazy.problem("give result = \"<the type of the result the method returns>\" (the call lasts until the result is used"
                    + " up, closed or fails), closing_this = true (until the object the method runs on is closed), or both");
            return null;
        }
        return new LazyResult(result.orElse(null), closingThis.orElse(false));
    }

    /** The rule's {@code span_kind}; empty when it gives none, or one with a problem (which is reported). */
    private static Optional<RuleSpanKind> readSpanKind(TomlSection rule, Optional<Kind> kind) {
        Optional<String> name = rule.string(SPAN_KIND);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<RuleSpanKind> spanKind = RuleSpanKind.named(name.get());
        if (spanKind.isEmpty()) {
            rule.problem(SPAN_KIND, "unknown span kind '" + name.get() + "'; expected one of " + RuleSpanKind.names());
        } else if (kind.isPresent() && kind.get().spanPrefix().isEmpty()) {
            rule.problem(SPAN_KIND, "kind " + kind.get().name() + " opens no span; remove span_kind");
            return Optional.empty();
        }
        return spanKind;
    }

    private static Optional<Kind> readKind(TomlSection rule) {
        Optional<String> name = rule.string("kind");
        if (name.isEmpty()) {
            if (!rule.has("kind")) {
                rule.problem("every rule needs a kind = \"...\"; one of " + kindNames());
            }
            return Optional.empty();
        }
        Optional<Kind> kind = Kinds.named(name.get());
        if (kind.isEmpty()) {
            rule.problem("kind", "unknown kind '" + name.get() + "'; expected one of " + kindNames());
        }
        return kind;
    }

    private static String kindNames() {
        return Kinds.all().stream().map(Kind::name).collect(Collectors.joining(", "));
    }

    private static Optional<ClassSelector> readClasses(TomlSection rule) {
        Optional<TomlSection> section = rule.section("class");
        List<NamePattern> excluded = rule.section("exclude").map(RuleReader::readExcludedClasses).orElse(List.of());
        if (section.isEmpty()) {
            if (!rule.has("class")) {
                rule.problem("every rule needs class.name, class.supertype or class.annotation");
            }
            return Optional.empty();
        }
        TomlSection classes = section.get();
        classes.rejectUnknown(CLASS_KEYS);
        Optional<String> name = checked(classes, "name", JavaNames::classPattern);
        Optional<String> supertype = checked(classes, "supertype", JavaNames::exactClassName);
        Optional<String> annotation = checked(classes, "annotation", JavaNames::exactClassName);
        if (name.isEmpty() && supertype.isEmpty() && annotation.isEmpty()) {
            if (classes.has("name") || classes.has("supertype") || classes.has("annotation")) {
                return Optional.empty();
            }
            classes.problem("needs at least one of name, supertype, annotation");
            return Optional.empty();
        }
        return Optional.of(new ClassSelector(name.map(NamePattern::of).orElse(null), supertype.orElse(null),
                annotation.orElse(null), excluded, classes.bool("proxies").orElse(false)));
    }

    private static List<NamePattern> readExcludedClasses(TomlSection exclude) {
        exclude.rejectUnknown(EXCLUDE_KEYS);
        return checkedPatterns(exclude, "classes", JavaNames::classPattern);
    }

    /** The string under {@code key} when it passes {@code check}; else empty, with the problem reported at the key. */
    private static Optional<String> checked(TomlSection section, String key, Function<String, Optional<String>> check) {
        Optional<String> value = section.string(key);
        Optional<String> problem = value.flatMap(check);
        if (problem.isPresent()) {
            section.problem(key, quoted(value.get(), problem.get()));
            return Optional.empty();
        }
        return value;
    }

    private static String quoted(String name, String problem) {
        return "'" + name + "'" + (problem.startsWith("is ") || problem.startsWith("has ") ? " " : ": ") + problem;
    }

    /** The names or globs under {@code key} that pass {@code check}; each that does not is reported where it is written. */
    private static List<NamePattern> checkedPatterns(TomlSection section, String key, Function<String, Optional<String>> check) {
        List<NamePattern> patterns = new ArrayList<>();
        for (TomlSection.Located name : section.locatedStrings(key)) {
            Optional<String> problem = check.apply(name.value);
            if (problem.isPresent()) {
                section.problemAt(name.position, key, quoted(name.value, problem.get()));
            } else {
                patterns.add(NamePattern.of(name.value));
            }
        }
        return patterns;
    }

    /** Null when the method table has problems. */
    private static MethodSelector readMethods(TomlSection rule) {
        List<NamePattern> excluded = rule.section("exclude")
                .map(exclude -> checkedPatterns(exclude, "methods", JavaNames::methodPattern))
                .orElse(List.of());
        Optional<TomlSection> section = rule.section("method");
        if (section.isEmpty()) {
            return rule.has("method") ? null
                    : new MethodSelector(NamePattern.of("*"), null, null, null, null, null, excluded);
        }
        TomlSection methods = section.get();
        methods.rejectUnknown(METHOD_KEYS);
        List<String> parameters = null;
        if (methods.has("parameters")) {
            parameters = new ArrayList<>();
            for (TomlSection.Located type : methods.locatedStrings("parameters")) {
                Optional<String> problem = JavaNames.typeName(type.value);
                if (problem.isPresent()) {
                    methods.problemAt(type.position, "parameters", problem.get());
                    return null;
                }
                parameters.add(type.value);
            }
        }
        Optional<String> name = checked(methods, "name", JavaNames::methodPattern);
        Optional<String> annotation = checked(methods, "annotation", JavaNames::exactClassName);
        if (name.isEmpty() && methods.has("name") || annotation.isEmpty() && methods.has("annotation")) {
            return null;
        }
        Integer count = methods.integer("parameter_count").map(Long::intValue).orElse(null);
        if (count != null && count < 0) {
            methods.problem("parameter_count", "must be 0 or more");
            return null;
        }
        if (parameters != null && count != null) {
            methods.problem("parameter_count", "give either parameters or parameter_count, not both");
            return null;
        }
        return new MethodSelector(NamePattern.of(name.orElse("*")), annotation.orElse(null),
                parameters, count, methods.bool("static").orElse(null), methods.bool("public").orElse(null), excluded);
    }

    /**
     * Metric labels are fixed by the catalog, so a {@code labels} key is always a mistake; the
     * problem says why, and for an unbounded value where it can go instead. True when there is one.
     */
    private static boolean rejectLabels(TomlSection rule, Optional<Kind> kind) {
        if (!rule.has(LABELS)) {
            return false;
        }
        List<String> named = rule.isTable(LABELS) ? List.copyOf(rule.section(LABELS).orElseThrow().keys()) : rule.strings(LABELS);
        String fixed = kind.map(k -> "kind " + k.name() + " labels its metrics by "
                + k.subject().map(subject -> subject + " and ").orElse("") + "the outcome only").orElse("each kind's labels are fixed");
        for (String label : named) {
            if (UNBOUNDED_VALUES.containsKey(label)) {
                rule.problem(LABELS, label + " cannot be a metric label: it has a value per " + UNBOUNDED_VALUES.get(label)
                        + ", so its series would grow without bound; give it as values." + label + " to put it on the span");
            } else {
                rule.problem(LABELS, "metric labels are fixed by the catalog (" + fixed + "); " + label
                        + " can only be a span attribute, given under values");
            }
        }
        if (named.isEmpty()) {
            rule.problem(LABELS, "metric labels are fixed by the catalog (" + fixed + ")");
        }
        return true;
    }
}
