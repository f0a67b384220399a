package io.nodescope.agent;

import io.nodescope.agent.advice.Instrumenter;
import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.BindAddress;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsServer;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.agent.traces.Tracing;
import io.nodescope.bootstrap.Dispatch;
import java.io.IOException;
import java.lang.instrument.Instrumentation;

/**
 * Starts the enabled signals and installs the rules. Only reached when a signal is on, so that a
 * disabled agent never loads ByteBuddy, OpenTelemetry or the Prometheus client.
 */
final class AgentRuntime {

    private AgentRuntime() {
    }

    static void start(AgentConfig config, Instrumentation instrumentation) throws IOException {
        String version = BuildInfo.version();
        MetricRegistry registry = config.metrics().enabled()
                ? new MetricRegistry(version, config.metrics().seriesLimit(), config.metrics().buckets()) : null;
        Tracing tracing = config.traces().enabled()
                ? Tracing.start(config.traces(), registry == null ? new CounterPoint() : registry.self().spanExportFailures(),
                        registry == null ? new CounterPoint() : registry.self().spansDropped(), version)
                : null;
        try {
            SiteTable sites = new SiteTable(registry, tracing == null ? null : tracing.tracer(),
                    registry == null ? new CounterPoint() : registry.self().adviceErrors());
            Dispatch.install(sites);
            new Instrumenter(config.rules(), sites, registry == null ? null : registry.self()).install(instrumentation);
        } catch (RuntimeException | IOException | LinkageError e) {
            if (tracing != null) {
                tracing.close();
            }
            throw e;
        }
        // Listeners and hooks only once instrumentation is in place, so a failed start leaves nothing behind.
        if (registry != null) {
            startMetricsServer(config.metrics().bindAddress(), registry);
        }
        if (tracing != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(tracing::close, "nodescope-shutdown"));
            AgentLog.info("traces: " + config.traces().protocol().configName() + " to " + config.traces().endpoint()
                    + " as service " + config.traces().serviceName() + ", sample ratio " + config.traces().sampleRatio());
        }
        AgentLog.info("version " + version + " started with " + config.rules().size() + " rules");
    }

    private static void startMetricsServer(BindAddress address, MetricRegistry registry) {
        if (!address.isLoopback()) {
            AgentLog.warn("metrics listen on " + address + ", reachable from other machines; protect the port or bind 127.0.0.1");
        }
        try {
            MetricsServer server = MetricsServer.start(address, registry);
            AgentLog.info("metrics: http://" + displayHost(address) + ":" + server.port() + "/metrics");
        } catch (IOException e) {
            AgentLog.warn("cannot listen on " + address + " for metrics (" + e.getMessage()
                    + "); the node runs on, metrics are recorded but not served");
        }
    }

    private static String displayHost(BindAddress address) {
        return address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
    }
}
