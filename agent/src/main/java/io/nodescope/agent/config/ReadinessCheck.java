package io.nodescope.agent.config;

import io.nodescope.instrumentation.MetricDefinition;
import java.util.Map;

/**
 * One {@code [[telemetry.health.ready]]} table: a named condition on a catalog metric that
 * {@code /health/ready} requires.
 */
public final class ReadinessCheck {

    /** What a check looks at, with the name {@code check = "..."} gives it. */
    public enum Type {
        /** A heartbeat gauge (Unix seconds) is at most {@code seconds} old. */
        HEARTBEAT_AGE("heartbeat_age"),
        /** Of the calls in the last {@code seconds}, at most {@code maxRatio} failed. */
        ERROR_RATIO("error_ratio"),
        /** A call returned normally within the last {@code seconds}. */
        RECENT_SUCCESS("recent_success");

        private final String configName;

        Type(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    private final String name;
    private final Type type;
    private final MetricDefinition metric;
    private final Map<String, String> labels;
    private final long seconds;
    private final double maxRatio;
    private final long minCalls;

    ReadinessCheck(String name, Type type, MetricDefinition metric, Map<String, String> labels, long seconds, double maxRatio,
            long minCalls) {
        this.name = name;
        this.type = type;
        this.metric = metric;
        this.labels = Map.copyOf(labels);
        this.seconds = seconds;
        this.maxRatio = maxRatio;
        this.minCalls = minCalls;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public MetricDefinition metric() {
        return metric;
    }

    /** Label values the series read must have; labels not named here are summed over. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The heartbeat's largest age, the error ratio's window, or the time within which a call must have returned. */
    public long seconds() {
        return seconds;
    }

    /** For {@link Type#ERROR_RATIO}: the largest share of failed calls that is still ready. */
    public double maxRatio() {
        return maxRatio;
    }

    /** For {@link Type#ERROR_RATIO}: fewer calls than this in the window say nothing, and the check passes. */
    public long minCalls() {
        return minCalls;
    }
}
