package io.nodescope.agent.metrics;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.MetricsPush;
import io.nodescope.agent.config.OtlpProtocol;
import io.nodescope.agent.otlp.OtlpSenders;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes what {@code /metrics} shows to an OTLP endpoint at a fixed interval, cumulative, on one
 * agent thread. A push the backend refuses or that fails is counted and logged (at most once a
 * minute); the next push sends the totals again, so nothing is lost but resolution.
 */
public final class OtlpMetricsPush implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long the JVM's exit waits for the last push. */
    private static final long SHUTDOWN_WAIT_MILLIS = 500;

    private final PrometheusRegistry exposed;
    private final OtlpMetricData data;
    private final MetricExporter exporter;
    private final CounterPoint failures;
    private final String endpoint;
    private final ScheduledExecutorService schedule =
            Executors.newSingleThreadScheduledExecutor(task -> AgentThreads.newThread(task, "nodescope-metrics-push"));

    private OtlpMetricsPush(PrometheusRegistry exposed, OtlpMetricData data, MetricExporter exporter, CounterPoint failures, String endpoint) {
        this.exposed = exposed;
        this.data = data;
        this.exporter = exporter;
        this.failures = failures;
        this.endpoint = endpoint;
    }

    public static OtlpMetricsPush start(MetricsPush config, PrometheusRegistry exposed, Resource resource, String version, CounterPoint failures) {
        long startNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        OtlpMetricsPush push = new OtlpMetricsPush(exposed, new OtlpMetricData(resource, version, startNanos), exporter(config), failures,
                config.endpoint().toString());
        long interval = config.interval().toMillis();
        push.schedule.scheduleAtFixedRate(push::push, interval, interval, TimeUnit.MILLISECONDS);
        return push;
    }

    private static MetricExporter exporter(MetricsPush config) {
        String endpoint = config.endpoint().toString();
        if (config.protocol() == OtlpProtocol.GRPC) {
            return OtlpGrpcMetricExporter.builder().setComponentLoader(OtlpSenders.grpc())
                    .setEndpoint(endpoint).setTimeout(TIMEOUT).build();
        }
        return OtlpHttpMetricExporter.builder().setComponentLoader(OtlpSenders.http())
                .setEndpoint(endpoint).setTimeout(TIMEOUT).build();
    }

    private CompletableResultCode push() {
        try {
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            CompletableResultCode result = exporter.export(data.of(exposed.scrape(), now));
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    failed(result.getFailureThrowable() == null ? "refused" : result.getFailureThrowable().toString());
                }
            });
            return result;
        } catch (RuntimeException e) {
            failed(e.toString());
            return CompletableResultCode.ofFailure();
        }
    }

    private void failed(String why) {
        failures.increment();
        AgentLog.warnLimited("metrics-push", "pushing metrics to " + endpoint + " failed (" + why + "); the next push sends the totals again");
    }

    /** A last push with the final totals, waiting {@link #SHUTDOWN_WAIT_MILLIS} at most, as the JVM exits. */
    @Override
    public void close() {
        schedule.shutdownNow();
        push().join(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        exporter.shutdown().join(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
