package io.nodescope.agent.metrics;

import io.nodescope.agent.config.BindAddress;
import io.nodescope.agent.config.MetricsConfig;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The embedded Prometheus HTTP server that serves the registry at {@code /metrics}. */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * Serves the registry, with the JVM and process metrics when {@code config} says {@code runtime},
     * behind basic auth and over HTTPS when it says so.
     *
     * @throws GeneralSecurityException when the certificate cannot be used; nothing is served then
     */
    public static MetricsServer start(MetricsConfig config, MetricRegistry registry) throws IOException, GeneralSecurityException {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new RegistryCollector(registry));
        if (config.runtime()) {
            JvmMetrics.builder().register(prometheus);
        }
        BindAddress address = config.bindAddress();
        HTTPServer.Builder builder = HTTPServer.builder()
                .hostname(address.host())
                .port(address.port())
                .registry(prometheus)
                .executorService(scrapeThreads());
        if (config.basicAuth().isPresent()) {
            builder.authenticator(new MetricsAuthenticator(config.basicAuth().get()));
        }
        if (config.tls().isPresent()) {
            builder.httpsConfigurator(MetricsTls.configurator(config.tls().get()));
        }
        return new MetricsServer(builder.buildAndStart());
    }

    /** Two daemon threads are plenty for scrapes and never keep the node's JVM alive. */
    private static ExecutorService scrapeThreads() {
        return new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), runnable -> {
            Thread thread = new Thread(runnable, "nodescope-metrics-http");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
