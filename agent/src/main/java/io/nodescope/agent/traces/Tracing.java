package io.nodescope.agent.traces;

import io.nodescope.agent.config.OtlpProtocol;
import io.nodescope.agent.config.TracesConfig;
import io.nodescope.agent.metrics.SelfMetrics;
import io.nodescope.agent.otlp.LaterSpanExporter;
import io.nodescope.agent.otlp.OtlpSenders;
import io.nodescope.agent.otlp.SendersGate;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK, set up for the agent alone (never registered as the global instance):
 * a ratio sampler that follows the parent's decision (or, with {@code sampler = "keep_errors"},
 * a decision per trace when its local root ends, see {@link TraceDecisions}), a bounded batch
 * processor and the OTLP exporter for the configured protocol.
 */
public final class Tracing implements AutoCloseable {

    /** Bounded so that an unreachable backend costs at most this many spans of memory. */
    static final int MAX_QUEUED_SPANS = 2048;
    /** How long the JVM's exit waits for the last export. */
    static final long SHUTDOWN_WAIT_MILLIS = 500;
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    /** Held so that the level set on it sticks; the SDK's own repeated warnings are replaced by ours. */
    private static final Logger SDK_LOGGER = Logger.getLogger(SdkTracerProvider.class.getPackageName().replaceAll("\\.sdk\\.trace$", ""));

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final SendersGate senders;

    private Tracing(SdkTracerProvider provider, String version, SendersGate senders) {
        this.provider = provider;
        this.tracer = provider.get("io.nodescope", version);
        this.senders = senders;
    }

    /** Spans are queued from now on and sent once {@code senders} opens, when their batch processor is made. */
    public static Tracing start(TracesConfig config, SelfMetrics self, String version, SendersGate senders) {
        SDK_LOGGER.setLevel(Level.OFF);
        ExportBudget budget = new ExportBudget(MAX_QUEUED_SPANS, self.spansDropped());
        SpanExporter later = new LaterSpanExporter(senders, "OTLP span exporter", () -> exporter(config));
        SpanExporter exporter = new CountingSpanExporter(later, self.spanExportFailures(), budget, config.endpoint().toString());
        BudgetedSpanProcessor processor = new BudgetedSpanProcessor(() -> BatchSpanProcessor.builder(exporter)
                .setMaxQueueSize(MAX_QUEUED_SPANS)
                .setScheduleDelay(Duration.ofSeconds(1))
                .build(), budget);
        senders.whenOpen(processor::open);
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder().setResource(resource(config));
        if (config.keepErrors()) {
            TraceDecisions decisions = new TraceDecisions(processor, self.samplingBufferOverflow());
            provider.setSampler(new KeepErrorsSampler(config.sampleRatio(), decisions)).addSpanProcessor(decisions);
        } else {
            provider.setSampler(Sampler.parentBased(ratio(config.sampleRatio()))).addSpanProcessor(processor);
        }
        return new Tracing(provider.build(), version, senders);
    }

    /**
     * The SDK's sampler of trace ids for {@code ratio}: its constant samplers at the ends of the range,
     * which decide as the ratio sampler does there, as that one formats its description through
     * {@code DecimalFormat} when it is made, 6–10 ms of the node's start.
     */
    static Sampler ratio(double ratio) {
        if (ratio >= 1.0) {
            return Sampler.alwaysOn();
        }
        return ratio <= 0.0 ? Sampler.alwaysOff() : Sampler.traceIdRatioBased(ratio);
    }

    private static SpanExporter exporter(TracesConfig config) {
        String endpoint = config.endpoint().toString();
        if (config.protocol() == OtlpProtocol.GRPC) {
            return OtlpGrpcSpanExporter.builder().setComponentLoader(OtlpSenders.grpc())
                    .setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10)).build();
        }
        return OtlpHttpSpanExporter.builder().setComponentLoader(OtlpSenders.http())
                .setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10)).build();
    }

    /** The service and resource attributes every signal is sent with. */
    public static Resource resource(TracesConfig config) {
        AttributesBuilder attributes = Attributes.builder();
        for (Map.Entry<String, String> attribute : config.resourceAttributes().entrySet()) {
            attributes.put(attribute.getKey(), attribute.getValue());
        }
        attributes.put(SERVICE_NAME, config.serviceName());
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    public Tracer tracer() {
        return tracer;
    }

    /**
     * Exports what is queued as the JVM exits: the senders made first if they were not yet (the
     * agent's own work), then waiting {@link #SHUTDOWN_WAIT_MILLIS} at most, as a backend that is
     * down must not hold the node's exit (what is left is dropped).
     */
    @Override
    public void close() {
        senders.openToExit();
        provider.shutdown().join(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
