package io.nodescope.agent.config;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
    private static final String TYPES = Arrays.stream(ReadinessCheck.Type.values()).map(type -> "\"" + type.configName() + "\"")
            .collect(Collectors.joining(", "));

    private ReadinessReader() {
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
            check(table).ifPresent(check -> {
                if (names.add(check.name())) {
                    checks.add(check);
                } else {
                    table.problem("name", "readiness check name '" + check.name() + "' is already used");
                }
            });
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
                Optional<MetricDefinition> metric = metric(table, DEFAULT_HEARTBEAT, "a gauge (of Unix seconds)",
                        definition -> definition.type() == MetricType.GAUGE);
                Optional<Map<String, String>> labels = metric.flatMap(definition -> labels(table, definition, null));
                Optional<Long> age = bounded(table, "max_age_seconds", 1, MAX_SECONDS);
                return build(name, type, metric, labels, age, 0, 0);
            }
            case ERROR_RATIO: {
                Optional<MetricDefinition> metric = metric(table, null, "a counter or histogram with a status or outcome label",
                        ReadinessReader::countsCalls);
                Optional<Map<String, String>> labels = metric.flatMap(definition -> labels(table, definition, statusLabel(definition)));
                Optional<Long> window = bounded(table, "window_minutes", 1, MAX_WINDOW_MINUTES).map(minutes -> minutes * 60);
                Optional<Double> ratio = ratio(table);
                Optional<Long> minCalls = table.has("min_calls") ? bounded(table, "min_calls", 1, Integer.MAX_VALUE)
                        : Optional.of(DEFAULT_MIN_CALLS);
                if (ratio.isEmpty() || minCalls.isEmpty()) {
                    return Optional.empty();
                }
                return build(name, type, metric, labels, window, ratio.get(), minCalls.get());
            }
            default: {
                Optional<MetricDefinition> metric = metric(table, null, "a counter or histogram with a status or outcome label",
                        ReadinessReader::countsCalls);
                Optional<Map<String, String>> labels = metric.flatMap(definition -> labels(table, definition, statusLabel(definition)));
                Optional<Long> within = bounded(table, "within_seconds", 1, MAX_SECONDS);
                return build(name, type, metric, labels, within, 0, 0);
            }
        }
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
        Optional<ReadinessCheck.Type> type = text.flatMap(name -> Arrays.stream(ReadinessCheck.Type.values())
                .filter(candidate -> candidate.configName().equals(name)).findFirst());
        if (text.isPresent() && type.isEmpty()) {
            table.problem("check", "unknown check '" + text.get() + "'; expected one of " + TYPES);
        }
        return type;
    }

    private static boolean countsCalls(MetricDefinition metric) {
        return metric.type() != MetricType.GAUGE && statusLabel(metric) != null;
    }

    /** The label that holds {@code ok} or {@code error}, null when the metric has none. */
    private static String statusLabel(MetricDefinition metric) {
        return metric.labelNames().stream().filter(Kind::isOutcomeLabel).findFirst().orElse(null);
    }

    /** A catalog metric that {@code fits}; {@code fallback} (null when the key is required) when the key is absent. */
    private static Optional<MetricDefinition> metric(TomlSection table, String fallback, String expected,
            Predicate<MetricDefinition> fits) {
        Optional<String> name = table.has("metric") ? table.string("metric") : Optional.ofNullable(fallback);
        if (name.isEmpty()) {
            if (!table.has("metric")) {
                table.problem("needs metric = the catalog metric to read, " + expected);
            }
            return Optional.empty();
        }
        List<String> fitting = Catalog.all().stream().filter(fits).map(MetricDefinition::name).collect(Collectors.toList());
        Optional<MetricDefinition> metric = Catalog.all().stream().filter(definition -> definition.name().equals(name.get()))
                .filter(fits).findFirst();
        if (metric.isEmpty()) {
            table.problem("metric", "'" + name.get() + "' is not a catalog metric that is " + expected + "; expected one of "
                    + String.join(", ", fitting));
        }
        return metric;
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
                value.ifPresent(text -> labels.put(key, text));
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
