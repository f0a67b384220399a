package io.nodescope.agent;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.BindAddress;
import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.MetricsPush;
import io.nodescope.agent.health.Readiness;
import io.nodescope.agent.logs.LogExport;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsServer;
import io.nodescope.agent.metrics.OtlpMetricsPush;
import io.nodescope.agent.otlp.SendersGate;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.agent.sites.TracerSlot;
import io.nodescope.agent.transform.ClassRewriter;
import io.nodescope.agent.traces.Tracing;
import io.nodescope.bootstrap.Dispatch;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.Spans;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Installs the rules, then starts the exporters. Only reached when a signal is on, so that a
 * disabled agent never loads ByteBuddy, OpenTelemetry or the Prometheus client. Public, with
 * {@link #start}: {@link NodescopeAgent} reaches it by name in another class loader.
 */
public final class AgentRuntime {

    private AgentRuntime() {
    }

    /**
     * Runs on the agent's start thread. The registry and the site table come first, so that every
     * call of a rewritten method is measured; then the rules are put in place ({@code starting} holds
     * the node's classes until then); spans and log records are made from then on, the loaded classes
     * only rules acting through the signals select are rewritten, and once the node's start has
     * settled, the senders are made and the metrics are served. {@code begunNanos}: when {@code premain}
     * began, {@code premainNanos} what it took, so that the agent's cost to the node's start is reported.
     */
    public static void start(AgentConfig config, Instrumentation instrumentation, StartingTransformer starting, boolean attachedLate,
            long begunNanos, long premainNanos) throws IOException {
        // First what lets the node's classes that need not wait for the rules load, then what the rules need.
        CandidateFilter candidates = ClassRewriter.hold(config.rules(), starting);
        try {
            CandidateFilter.readLoadedAncestors(instrumentation);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.info("reads the ancestors of the classes it examines from their class files (" + e + ")");
        }
        String version = BuildInfo.version();
        // The agent counts its own errors and drops whether or not metrics are served.
        MetricRegistry registry = new MetricRegistry(version, config.metrics().seriesLimit(), config.metrics().buckets());
        registry.self().premain().set(premainNanos / 1e9);
        TracerSlot tracer = new TracerSlot(config.spanAttributes(), registry.self().spansBeforeStart());
        SiteTable sites = new SiteTable(config.metrics().enabled() ? registry : MetricPoints.NONE,
                config.traces().enabled() ? tracer : Spans.OFF, registry.self().adviceErrors(), config.spanAttributes());
        Dispatch.install(sites);
        ClassRewriter rewriter = new ClassRewriter(config.rules(), sites, registry.self(), candidates);
        Runnable rewriteLoaded = rewriter.install(instrumentation, starting, attachedLate);
        registry.self().rulesInPlace().set((System.nanoTime() - begunNanos) / 1e9);
        registry.self().startWait(starting::waitedSeconds);
        ClassWorkOffC2.apply(instrumentation);
        AgentLog.info("version " + version + " started with " + config.rules().size() + " rules");
        // Spans and log records are made from here on; what would take the node's CPU while it starts (the
        // senders, the metrics' HTTP server and JVM metrics) waits until that start has settled, or not at
        // all when attached to a running JVM. Metrics count from the first call either way.
        SendersGate senders = new SendersGate();
        startSpansAndLogs(config, registry, tracer, sites, version, senders);
        rewriteLoaded.run();
        AgentPresence.running(rewriter.instrumented());
        if (!attachedLate && !SettledStart.await(starting, begunNanos)) {
            AgentLog.info("the node still loaded classes 5 s after the agent started; the senders and /metrics start now");
        }
        senders.open();
        startMetrics(config, registry, version);
    }

    private static void startSpansAndLogs(AgentConfig config, MetricRegistry registry, TracerSlot tracer, SiteTable sites, String version,
            SendersGate senders) {
        try {
            if (config.traces().enabled()) {
                Tracing tracing = Tracing.start(config.traces(), registry.self(), version, senders);
                tracer.fill(tracing.tracer());
                Runtime.getRuntime().addShutdownHook(AgentThreads.newThread(tracing::close, "nodescope-shutdown"));
                AgentLog.info("traces: " + config.traces().protocol().configName() + " to " + config.traces().endpoint()
                        + " as service " + config.traces().serviceName() + ", sample ratio " + config.traces().sampleRatio()
                        + (config.traces().keepErrors() ? " and every trace with an error" : ""));
            }
            if (config.logs().enabled()) {
                startLogExport(config, registry, sites, senders);
            }
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("could not start exporting (" + e + "); the node runs on and calls are still measured");
        }
    }

    private static void startMetrics(AgentConfig config, MetricRegistry registry, String version) {
        try {
            if (config.metrics().enabled()) {
                PrometheusRegistry exposed = MetricsServer.exposed(config.metrics(), registry);
                // Started whenever metrics are exported, so that nodescope_ready is 1 on a node without checks, pushed or scraped.
                Readiness readiness = Readiness.start(config.readiness(), registry);
                if (config.metrics().served()) {
                    startMetricsServer(config.metrics(), exposed, readiness);
                }
                config.metrics().push().ifPresent(push -> startMetricsPush(push, exposed, config, registry, version));
            }
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("could not start exporting metrics (" + e + "); the node runs on and calls are still measured");
        }
    }

    private static void startLogExport(AgentConfig config, MetricRegistry registry, SiteTable sites, SendersGate senders) {
        LogExport logs = LogExport.start(config.logs(), config.spanAttributes(), Tracing.resource(config.traces()),
                registry.self().logExportFailures(), registry.self().logRecordsDropped(), senders);
        sites.sendLogsTo(logs);
        Runtime.getRuntime().addShutdownHook(AgentThreads.newThread(logs::close, "nodescope-shutdown"));
        AgentLog.info("logs: " + config.logs().protocol().configName() + " to " + config.logs().endpoint() + ", "
                + config.logs().level().name().toLowerCase(Locale.ROOT) + " and above");
    }

    private static void startMetricsPush(MetricsPush push, PrometheusRegistry exposed, AgentConfig config, MetricRegistry registry,
            String version) {
        OtlpMetricsPush pushing = OtlpMetricsPush.start(push, exposed, Tracing.resource(config.traces()), version,
                registry.self().metricExportFailures());
        Runtime.getRuntime().addShutdownHook(AgentThreads.newThread(pushing::close, "nodescope-shutdown"));
        AgentLog.info("metrics: " + push.protocol().configName() + " to " + push.endpoint() + " every " + push.interval().toSeconds() + " s");
    }

    private static void startMetricsServer(MetricsConfig config, PrometheusRegistry exposed, Readiness readiness) {
        BindAddress address = config.bindAddress();
        if (!address.isLoopback()) {
            AgentLog.warn(exposureWarning(config));
        }
        try {
            MetricsServer server = MetricsServer.start(config, exposed, readiness);
            AgentLog.info("metrics: " + (config.tls().isPresent() ? "https" : "http") + "://" + displayHost(address) + ":" + server.port()
                    + "/metrics" + (config.basicAuth().isPresent() ? " (basic auth)" : ""));
        } catch (IOException e) {
            AgentLog.warn("cannot listen on " + address + " for metrics (" + e.getMessage()
                    + "); the node runs on, metrics are recorded but not served");
        } catch (GeneralSecurityException e) {
            AgentLog.warn("cannot serve metrics over TLS (" + e.getMessage()
                    + "); the node runs on, metrics are recorded but not served");
        }
    }

    /** What to say when {@code /metrics} listens beyond loopback: what protects it, or what is missing. */
    static String exposureWarning(MetricsConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.tls().isEmpty()) {
            missing.add("[telemetry.metrics.tls]");
        }
        if (config.basicAuth().isEmpty()) {
            missing.add("[telemetry.metrics.basic_auth]");
        }
        return "metrics listen on " + config.bindAddress() + ", reachable from other machines" + (missing.isEmpty()
                ? " (over TLS, with basic auth); let a firewall admit only the scraper"
                : "; bind 127.0.0.1, or set " + String.join(" and ", missing) + " and let a firewall admit only the scraper");
    }

    private static String displayHost(BindAddress address) {
        return address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
    }
}
