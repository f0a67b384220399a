package io.nodescope.agent.traces;

import io.nodescope.agent.otlp.SendersGate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.config.TracesConfig;
import io.nodescope.agent.metrics.MetricRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Random;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Closing the SDK as the JVM exits, with spans queued for a backend that accepts connections and never answers. */
class TracingTest {

    /** A deadline well above the bounded wait and well below the 5 s the exit used to wait: not a benchmark. */
    private static final long DEADLINE_MILLIS = 3_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"grpc", "http/protobuf"})
    void closingWithASilentBackendWaitsABoundedTime(String protocol) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TracesConfig config = TestConfigs.load(dir, "[telemetry.traces]\notlp_endpoint = 'http://127.0.0.1:" + silent.getLocalPort()
                    + "'\nprotocol = '" + protocol + "'\n").traces();
            Tracing tracing = Tracing.start(config, new MetricRegistry("test", 100, Map.of()).self(), "test", new SendersGate());
            Tracer tracer = tracing.tracer();
            for (int i = 0; i < 100; i++) {
                tracer.spanBuilder("queued " + i).startSpan().end();
            }
            long start = System.nanoTime();
            tracing.close();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < DEADLINE_MILLIS, "close waited " + waited + " ms for a silent backend");
        }
    }

    /** At the ends of the range the SDK's constant samplers stand in for its ratio sampler, deciding the same. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.25, 1.0})
    void theRatioSamplerDecidesAsTheSdksRatioSampler(double ratio) {
        Sampler sampler = Tracing.ratio(ratio);
        Sampler sdk = Sampler.traceIdRatioBased(ratio);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            String traceId = TraceId.fromLongs(random.nextLong(), random.nextLong());
            assertEquals(sdk.shouldSample(Context.root(), traceId, "call", SpanKind.INTERNAL, Attributes.empty(), List.of()).getDecision(),
                    sampler.shouldSample(Context.root(), traceId, "call", SpanKind.INTERNAL, Attributes.empty(), List.of()).getDecision(),
                    traceId);
        }
    }

    @Test
    void theEndsOfTheRangeDoNotMakeTheSdksRatioSampler() {
        assertFalse(Tracing.ratio(1.0).getDescription().contains("TraceIdRatioBased"), Tracing.ratio(1.0).getDescription());
        assertFalse(Tracing.ratio(0.0).getDescription().contains("TraceIdRatioBased"), Tracing.ratio(0.0).getDescription());
    }
}
