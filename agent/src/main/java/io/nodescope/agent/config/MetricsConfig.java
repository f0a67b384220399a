package io.nodescope.agent.config;

import java.util.Map;
import java.util.Optional;

/** {@code [telemetry.metrics]}. */
public final class MetricsConfig {

    static final int DEFAULT_SERIES_LIMIT = 1000;

    private final boolean enabled;
    private final BindAddress bindAddress;
    private final int seriesLimit;
    private final Map<String, double[]> buckets;
    private final boolean runtime;
    private final BasicAuth basicAuth;
    private final ServerCertificate tls;
    private final boolean served;
    private final MetricsPush push;

    /** {@code basicAuth}, {@code tls} and {@code push} are null when not configured. */
    MetricsConfig(boolean enabled, BindAddress bindAddress, int seriesLimit, Map<String, double[]> buckets, boolean runtime,
            BasicAuth basicAuth, ServerCertificate tls, boolean served, MetricsPush push) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.seriesLimit = seriesLimit;
        this.buckets = Map.copyOf(buckets);
        this.runtime = runtime;
        this.basicAuth = basicAuth;
        this.tls = tls;
        this.served = served;
        this.push = push;
    }

    /** Whether {@code /metrics} is served for a scraper ({@code exporters} names {@code prometheus}). */
    public boolean served() {
        return served;
    }

    /** The OTLP push, when {@code exporters} names {@code otlp}. */
    public Optional<MetricsPush> push() {
        return Optional.ofNullable(push);
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

    /** The user and password a scrape must send, when {@code [telemetry.metrics.basic_auth]} is set. */
    public Optional<BasicAuth> basicAuth() {
        return Optional.ofNullable(basicAuth);
    }

    /** The certificate to serve {@code /metrics} over HTTPS with, when {@code [telemetry.metrics.tls]} is set. */
    public Optional<ServerCertificate> tls() {
        return Optional.ofNullable(tls);
    }

    /** Histogram bucket bounds that replace the defaults, by metric name. */
    public Map<String, double[]> buckets() {
        return buckets;
    }
}
