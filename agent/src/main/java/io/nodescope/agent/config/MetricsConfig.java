package io.nodescope.agent.config;

import java.util.Map;

/** {@code [telemetry.metrics]}. */
public final class MetricsConfig {

    static final int DEFAULT_SERIES_LIMIT = 1000;

    private final boolean enabled;
    private final BindAddress bindAddress;
    private final int seriesLimit;
    private final Map<String, double[]> buckets;
    private final boolean runtime;

    MetricsConfig(boolean enabled, BindAddress bindAddress, int seriesLimit, Map<String, double[]> buckets, boolean runtime) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.seriesLimit = seriesLimit;
        this.buckets = Map.copyOf(buckets);
        this.runtime = runtime;
    }

    public boolean enabled() {
        return enabled;
    }

    public BindAddress bindAddress() {
        return bindAddress;
    }

    /** Most series one metric may hold; more label values share its overflow series. */
    public int seriesLimit() {
        return seriesLimit;
    }

    /** Whether the JVM and process metrics (memory, GC, threads, CPU, file descriptors) are served too. */
    public boolean runtime() {
        return runtime;
    }

    /** Histogram bucket bounds that replace the defaults, by metric name. */
    public Map<String, double[]> buckets() {
        return buckets;
    }
}
