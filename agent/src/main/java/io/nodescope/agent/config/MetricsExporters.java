package io.nodescope.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code [telemetry.metrics]}'s exporters: {@code /metrics} for a scraper ({@code prometheus}, the
 * default), an OTLP push ({@code otlp}: {@code otlp_endpoint}, {@code protocol},
 * {@code export_interval_seconds}), or both; the OpenTelemetry environment variables win.
 */
final class MetricsExporters {

    static final String PROMETHEUS = "prometheus";
    static final String OTLP = "otlp";
    static final Set<String> KNOWN = Set.of(PROMETHEUS, OTLP);
    static final Set<String> KEYS = Set.of("exporters", "otlp_endpoint", "protocol", "export_interval_seconds");

    private final Set<String> exporters;
    private final MetricsPush push;

    private MetricsExporters(Set<String> exporters, MetricsPush push) {
        this.exporters = exporters;
        this.push = push;
    }

    static MetricsExporters read(Optional<TomlSection> section, EnvironmentOverrides environment) {
        Set<String> exporters = new LinkedHashSet<>(Set.of(PROMETHEUS));
        URI base = null;
        OtlpProtocol protocol = OtlpProtocol.GRPC;
        Duration interval = Duration.ofSeconds(MetricsPush.DEFAULT_INTERVAL_SECONDS);
        if (section.isPresent()) {
            TomlSection metrics = section.get();
            if (metrics.has("exporters")) {
                exporters = exporters(metrics);
            }
            base = OtlpEndpoints.read(metrics).orElse(null);
            protocol = OtlpProtocol.read(metrics).orElse(protocol);
            Optional<Long> seconds = metrics.integer("export_interval_seconds");
            if (seconds.isPresent()) {
                interval = interval(metrics, seconds.get()).orElse(interval);
            }
        }
        exporters = environment.metricsExporters(exporters);
        return new MetricsExporters(exporters, exporters.contains(OTLP) ? environment.metricsPush(base, protocol, interval) : null);
    }

    boolean served() {
        return exporters.contains(PROMETHEUS);
    }

    /** Null without {@code otlp}. */
    MetricsPush push() {
        return push;
    }

    private static Set<String> exporters(TomlSection metrics) {
        Set<String> exporters = new LinkedHashSet<>();
        for (TomlSection.Located name : metrics.locatedStrings("exporters")) {
            if (KNOWN.contains(name.value)) {
                exporters.add(name.value);
            } else {
                metrics.problemAt(name.position, "exporters", "unknown exporter '" + name.value + "'; expected \"prometheus\""
                        + " (serve /metrics) or \"otlp\" (push to otlp_endpoint)");
            }
        }
        return exporters;
    }

    private static Optional<Duration> interval(TomlSection metrics, long seconds) {
        if (seconds < 1 || seconds > MetricsPush.MAX_INTERVAL_SECONDS) {
            metrics.problem("export_interval_seconds", "must be 1 to " + MetricsPush.MAX_INTERVAL_SECONDS + ", found " + seconds);
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
