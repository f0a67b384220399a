package io.nodescope.agent.config;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** {@code [telemetry.health]}: the readiness checks, each {@code [[telemetry.health.ready]]}. */
final class ReadinessReader {

    static final String DEFAULT_HEARTBEAT = Catalog.SYNC_LAST_SUCCESS.name();
    static final long DEFAULT_MIN_CALLS = 10;
    /** A day: a longer heartbeat age or return time says nothing about readiness. */
    static final long MAX_SECONDS = 86_400;
    /** The error ratio's window is kept at one sample per second: an hour is 3,600 of them per check. */
    static final long MAX_WINDOW_MINUTES = 60;
    /** Checks run every second, each reading every series of its metric. */
    static final int MAX_CHECKS = 32;

    private static final Set<String> HEALTH_KEYS = Set.of("ready");
    private static final Map<ReadinessCheck.Type, Set<String>> KEYS = Map.of(
            ReadinessCheck.Type.HEARTBEAT_AGE, Set.of("name", "check", "metric", "labels", "max_age_seconds"),
            ReadinessCheck.Type.ERROR_RATIO, Set.of("name", "check", "metric", "labels", "window_minutes", "max_ratio", "min_calls"),
            ReadinessCheck.Type.RECENT_SUCCESS, Set.of("name", "check", "metric", "labels", "within_seconds"));
    private static final String TYPES = typeNames();

    private ReadinessReader() {
    }

    // Loops rather than streams and lambdas throughout: read in premain, where each lambda's first use costs the start.
    private static String typeNames() {
        StringJoiner names = new StringJoiner(", ");
        for (ReadinessCheck.Type type : ReadinessCheck.Type.values()) {
            names.add("\"" + type.configName() + "\"");
        }
        return names.toString();
    }

    static List<ReadinessCheck> read(TomlSection health) {
        health.rejectUnknown(HEALTH_KEYS);
        List<ReadinessCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<TomlSection> tables = health.sections("ready");
        if (tables.size() > MAX_CHECKS) {
            health.problem("ready", "more than " + MAX_CHECKS + " readiness checks (the limit); combine labels or drop some");
            return checks;
        }
        for (TomlSection table : tables) {
            Optional<ReadinessCheck> check = check(table);
            if (check.isEmpty()) {
                continue;
            }
            if (names.add(check.get().name())) {
                checks.add(check.get());
            } else {
                table.problem("name", "readiness check name '" + check.get().name() + "' is already used");
            }
        }
        return checks;
    }

    private static Optional<ReadinessCheck> check(TomlSection table) {
        Optional<String> name = name(table);
        Optional<ReadinessCheck.Type> type = type(table);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        table.rejectUnknown(KEYS.get(type.get()));
        switch (type.get()) {
            case HEARTBEAT_AGE: {
                Optional<MetricDefinition> metric = metric(table, DEFAULT_HEARTBEAT, true);
                Optional<Map<String, String>> labels = metric.isPresent() ? labels(table, metric.get(), null) : Optional.empty();
                Optional<Long> age = bounded(table, "max_age_seconds", 1, MAX_SECONDS);
                return build(name, type, metric, labels, age, 0, 0);
            }
            case ERROR_RATIO: {
                Optional<MetricDefinition> metric = metric(table, null, false);
                Optional<Map<String, String>> labels = callLabels(table, metric);
                Optional<Long> minutes = bounded(table, "window_minutes", 1, MAX_WINDOW_MINUTES);
                Optional<Long> window = minutes.isPresent() ? Optional.of(minutes.get() * 60) : Optional.empty();
                Optional<Double> ratio = ratio(table);
                Optional<Long> minCalls = table.has("min_calls") ? bounded(table, "min_calls", 1, Integer.MAX_VALUE)
                        : Optional.of(DEFAULT_MIN_CALLS);
                if (ratio.isEmpty() || minCalls.isEmpty()) {
                    return Optional.empty();
                }
                return build(name, type, metric, labels, window, ratio.get(), minCalls.get());
            }
            default: {
                Optional<MetricDefinition> metric = metric(table, null, false);
                Optional<Map<String, String>> labels = callLabels(table, metric);
                Optional<Long> within = bounded(table, "within_seconds", 1, MAX_SECONDS);
                return build(name, type, metric, labels, within, 0, 0);
            }
        }
    }

    private static Optional<Map<String, String>> callLabels(TomlSection table, Optional<MetricDefinition> metric) {
        return metric.isPresent() ? labels(table, metric.get(), statusLabel(metric.get())) : Optional.empty();
    }

    private static Optional<ReadinessCheck> build(Optional<String> name, Optional<ReadinessCheck.Type> type, Optional<MetricDefinition> metric,
            Optional<Map<String, String>> labels, Optional<Long> seconds, double maxRatio, long minCalls) {
        if (name.isEmpty() || metric.isEmpty() || labels.isEmpty() || seconds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReadinessCheck(name.get(), type.get(), metric.get(), labels.get(), seconds.get(), maxRatio, minCalls));
    }

    private static Optional<String> name(TomlSection table) {
        if (!table.has("name")) {
            table.problem("needs a name, as /health/ready lists it: name = \"sync-heartbeat\"");
            return Optional.empty();
        }
        Optional<String> name = table.string("name");
        if (name.isPresent() && name.get().isBlank()) {
            table.problem("name", "is empty; name the check as /health/ready should list it");
            return Optional.empty();
        }
        return name;
    }

    private static Optional<ReadinessCheck.Type> type(TomlSection table) {
        if (!table.has("check")) {
            table.problem("needs check = " + TYPES);
            return Optional.empty();
        }
        Optional<String> text = table.string("check");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (ReadinessCheck.Type type : ReadinessCheck.Type.values()) {
            if (type.configName().equals(text.get())) {
                return Optional.of(type);
            }
        }
        table.problem("check", "unknown check '" + text.get() + "'; expected one of " + TYPES);
        return Optional.empty();
    }

    /** A gauge, or else a metric of calls: a counter or histogram with a status or outcome label. */
    private static boolean fits(MetricDefinition metric, boolean gauge) {
        return gauge ? metric.type() == MetricType.GAUGE : metric.type() != MetricType.GAUGE && statusLabel(metric) != null;
    }

    /** What {@link #fits} takes, in words. */
    private static String expected(boolean gauge) {
        return gauge ? "a gauge (of Unix seconds)" : "a counter or histogram with a status or outcome label";
    }

    /** The label that holds {@code ok} or {@code error}, null when the metric has none. */
    private static String statusLabel(MetricDefinition metric) {
        for (String label : metric.labelNames()) {
            if (Kind.isOutcomeLabel(label)) {
                return label;
            }
        }
        return null;
    }

    /** A catalog metric that {@link #fits}; {@code fallback} (null when the key is required) when the key is absent. */
    private static Optional<MetricDefinition> metric(TomlSection table, String fallback, boolean gauge) {
        Optional<String> name = table.has("metric") ? table.string("metric") : Optional.ofNullable(fallback);
        if (name.isEmpty()) {
            if (!table.has("metric")) {
                table.problem("needs metric = the catalog metric to read, " + expected(gauge));
            }
            return Optional.empty();
        }
        List<String> fitting = new ArrayList<>();
        for (MetricDefinition definition : Catalog.all()) {
            if (fits(definition, gauge)) {
                if (definition.name().equals(name.get())) {
                    return Optional.of(definition);
                }
                fitting.add(definition.name());
            }
        }
        table.problem("metric", "'" + name.get() + "' is not a catalog metric that is " + expected(gauge) + "; expected one of "
                + String.join(", ", fitting));
        return Optional.empty();
    }

    /** {@code labels = { command = "publish" }}: label values the series must have; never {@code status}, which the check reads itself. */
    private static Optional<Map<String, String>> labels(TomlSection table, MetricDefinition metric, String statusLabel) {
        if (!table.has("labels")) {
            return Optional.of(Map.of());
        }
        Optional<TomlSection> section = table.section("labels");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Set<String> allowed = new HashSet<>(metric.labelNames());
        allowed.remove(statusLabel);
        Map<String, String> labels = new LinkedHashMap<>();
        boolean valid = true;
        for (String key : section.get().keys()) {
            if (key.equals(statusLabel)) {
                section.get().problem(key, "the check reads the " + statusLabel + " label itself; select other labels only");
                valid = false;
            } else if (!allowed.contains(key)) {
                section.get().problem(key, metric.name() + " has no label '" + key + "'"
                        + (allowed.isEmpty() ? "" : "; its labels are " + String.join(", ", new TreeSet<>(allowed))));
                valid = false;
            } else {
                Optional<String> value = section.get().string(key);
                valid &= value.isPresent();
                if (value.isPresent()) {
                    labels.put(key, value.get());
                }
            }
        }
        return valid ? Optional.of(labels) : Optional.empty();
    }

    private static Optional<Long> bounded(TomlSection table, String key, long min, long max) {
        if (!table.has(key)) {
            table.problem("needs " + key + " (" + min + " to " + max + ")");
            return Optional.empty();
        }
        Optional<Long> value = table.integer(key);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            table.problem(key, "must be " + min + " to " + max + ", found " + value.get());
            return Optional.empty();
        }
        return value;
    }

    private static Optional<Double> ratio(TomlSection table) {
        if (!table.has("max_ratio")) {
            table.problem("needs max_ratio, the largest share of failed calls that is still ready, for example 0.2");
            return Optional.empty();
        }
        Optional<Double> ratio = table.number("max_ratio");
        if (ratio.isPresent() && !(ratio.get() >= 0 && ratio.get() < 1)) {
            table.problem("max_ratio", "must be at least 0.0 and below 1.0, found " + ratio.get());
            return Optional.empty();
        }
        return ratio;
    }
}
