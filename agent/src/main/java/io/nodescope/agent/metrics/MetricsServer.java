package io.nodescope.agent.metrics;

import io.nodescope.agent.config.BindAddress;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
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

    /** {@code runtime}: serve the JVM and process metrics too. */
    public static MetricsServer start(BindAddress address, MetricRegistry registry, boolean runtime) throws IOException {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new RegistryCollector(registry));
        if (runtime) {
            JvmMetrics.builder().register(prometheus);
        }
        HTTPServer server = HTTPServer.builder()
                .hostname(address.host())
                .port(address.port())
                .registry(prometheus)
                .executorService(scrapeThreads())
                .buildAndStart();
        return new MetricsServer(server);
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
