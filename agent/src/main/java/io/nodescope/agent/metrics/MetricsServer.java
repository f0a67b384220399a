package io.nodescope.agent.metrics;

import io.nodescope.agent.config.BindAddress;
import io.nodescope.agent.config.MetricsConfig;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The embedded HTTP server that serves the registry at {@code /metrics}, and liveness and
 * readiness at {@code /health/live} and {@code /health/ready}. The Prometheus client's
 * scrape handler answers (format negotiation, gzip, {@code name[]}); the agent's own listener
 * carries it, so that idle, slow or hostile clients cannot keep a scrape from being answered
 * ({@link HttpLimits}) and no JVM-wide setting of the JDK's HTTP server, which the node may use
 * too, is touched.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpListener listener;

    private MetricsServer(HttpListener listener) {
        this.listener = listener;
    }

    /**
     * Serves what {@code exposed} collects, and the latest {@code readiness}, behind basic auth and
     * over HTTPS when {@code config} says so.
     *
     * @throws IOException when the address cannot be bound
     * @throws GeneralSecurityException when the certificate cannot be used; nothing is served then
     */
    public static MetricsServer start(MetricsConfig config, PrometheusRegistry exposed, Supplier<? extends ReadinessReport> readiness)
            throws IOException, GeneralSecurityException {
        return start(config, exposed, readiness, HttpLimits.DEFAULT);
    }

    static MetricsServer start(MetricsConfig config, MetricRegistry registry, Supplier<? extends ReadinessReport> readiness)
            throws IOException, GeneralSecurityException {
        return start(config, exposed(config, registry), readiness, HttpLimits.DEFAULT);
    }

    static MetricsServer start(MetricsConfig config, MetricRegistry registry, Supplier<? extends ReadinessReport> readiness,
            HttpLimits limits) throws IOException, GeneralSecurityException {
        return start(config, exposed(config, registry), readiness, limits);
    }

    /** What {@code /metrics} shows and the OTLP push sends: the registry, with the JVM and process metrics when {@code runtime}. */
    public static PrometheusRegistry exposed(MetricsConfig config, MetricRegistry registry) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new RegistryCollector(registry));
        if (config.runtime()) {
            RuntimeMetrics.register(prometheus);
        }
        return prometheus;
    }

    private static MetricsServer start(MetricsConfig config, PrometheusRegistry prometheus, Supplier<? extends ReadinessReport> readiness,
            HttpLimits limits) throws IOException, GeneralSecurityException {
        SSLContext tls = config.tls().isPresent() ? MetricsTls.context(config.tls().get()) : null;
        MetricsRoutes routes = new MetricsRoutes(new PrometheusScrapeHandler(PrometheusProperties.get(), prometheus),
                config.basicAuth().orElse(null), readiness);
        BindAddress address = config.bindAddress();
        return new MetricsServer(HttpListener.start(new InetSocketAddress(address.host(), address.port()), tls, limits, routes));
    }

    /** The port listened on: the configured one, or the one the system chose for port 0. */
    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        listener.close();
    }
}
