package io.nodescope.agent.config;

import java.util.Map;

/** {@code [telemetry.metrics]}. */
public final class MetricsConfig {

    static final int DEFAULT_SERIES_LIMIT = 1000;

    private final boolean enabled;
    private final BindAddress bindAddress;
    private final int seriesLimit;
    private final Map<String, double[]> buckets;

    MetricsConfig(boolean enabled, BindAddress bindAddress, int seriesLimit, Map<String, double[]> buckets) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.seriesLimit = seriesLimit;
        this.buckets = Map.copyOf(buckets);
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

    /** Histogram bucket bounds that replace the defaults, by metric name. */
    public Map<String, double[]> buckets() {
        return buckets;
    }
}
