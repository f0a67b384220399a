package io.nodescope.instrumentation;

import java.util.Arrays;
import java.util.List;

/** One metric of the fixed catalog: its exposed name, type, help text, label names and default buckets. */
public final class MetricDefinition {

    /** Latency buckets in seconds, from 1 ms to 60 s: node commands and tasks span that range. */
    static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Query buckets in seconds, from 0.1 ms to 10 s: an indexed lookup is sub-millisecond, a scan can take seconds. */
    static final double[] QUERY_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
    /** The agent's own steps in seconds, from 1 µs (a class ruled out by its header) to 1 s. */
    static final double[] AGENT_STEP_BUCKETS = {0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1};

    private final String name;
    private final MetricType type;
    private final String help;
    private final List<String> labelNames;
    private final double[] buckets;

    private MetricDefinition(String name, MetricType type, String help, double[] buckets, String... labelNames) {
        this.name = name;
        this.type = type;
        this.help = help;
        this.labelNames = List.of(labelNames);
        this.buckets = buckets;
    }

    public static MetricDefinition counter(String name, String help, String... labelNames) {
        return new MetricDefinition(name, MetricType.COUNTER, help, null, labelNames);
    }

    public static MetricDefinition gauge(String name, String help, String... labelNames) {
        return new MetricDefinition(name, MetricType.GAUGE, help, null, labelNames);
    }

    public static MetricDefinition histogram(String name, String help, String... labelNames) {
        return new MetricDefinition(name, MetricType.HISTOGRAM, help, LATENCY_BUCKETS, labelNames);
    }

    /** A histogram of query times, with buckets down to 0.1 ms. */
    public static MetricDefinition queryHistogram(String name, String help, String... labelNames) {
        return new MetricDefinition(name, MetricType.HISTOGRAM, help, QUERY_BUCKETS, labelNames);
    }

    /** A histogram of the agent's own steps, with buckets down to 1 µs. */
    public static MetricDefinition agentStepHistogram(String name, String help, String... labelNames) {
        return new MetricDefinition(name, MetricType.HISTOGRAM, help, AGENT_STEP_BUCKETS, labelNames);
    }

    /** The name as exposed, counters with their {@code _total} suffix. */
    public String name() {
        return name;
    }

    public MetricType type() {
        return type;
    }

    public String help() {
        return help;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /** Upper bounds of the default histogram buckets, ascending, without +Inf; empty for other types. */
    public double[] defaultBuckets() {
        return buckets == null ? new double[0] : Arrays.copyOf(buckets, buckets.length);
    }

    @Override
    public String toString() {
        return name;
    }
}
