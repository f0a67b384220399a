package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Histogram buckets carry the trace of a recent sampled call: a real Prometheus with exemplar
 * storage scrapes them in the OpenMetrics format, and the trace ids it returns are traces the OTLP
 * receiver got.
 */
class ExemplarsIT {

    private static final String QUERY = "node_command_duration_seconds_bucket";

    @TempDir
    Path dir;

    @Test
    void prometheusReadsBackExemplarsThatNameExportedTraces() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            int metricsPort = FreePort.pick();
            Path config = SampleConfig.shipped().metricsPort(metricsPort).traces(receiver.endpoint(), "grpc").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                    .arguments("--port", "0", "--workload-seconds", "120", "--workload-rate", "20").start();
                    PrometheusServer prometheus = PrometheusServer.builder().feature("exemplar-storage")
                            .scrapeJob("node", List.of("127.0.0.1:" + metricsPort)).start()) {
                node.awaitListening(Patience.START);
                prometheus.awaitTargetsUp(Patience.START);
                Set<String> exemplarTraces = awaitExemplarTraces(prometheus);
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> all.stream().anyMatch(span -> exemplarTraces.contains(span.traceId())),
                        Patience.DATA);
                Set<String> commandTraces = spans.stream().filter(span -> span.name().startsWith("command."))
                        .map(ReceivedSpan::traceId).collect(Collectors.toSet());
                Set<String> found = new HashSet<>(exemplarTraces);
                found.retainAll(commandTraces);
                assertFalse(found.isEmpty(), "exemplar traces " + exemplarTraces + " among the command spans' traces");
            }
        }
    }

    /** The trace ids of the command histogram's exemplars, once Prometheus has some. */
    private static Set<String> awaitExemplarTraces(PrometheusServer prometheus) throws InterruptedException {
        long deadline = System.nanoTime() + Patience.DATA.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            long now = System.currentTimeMillis() / 1000;
            last = prometheus.getJson("/api/v1/query_exemplars?query=" + QUERY + "&start=" + (now - 600) + "&end=" + (now + 60)).path("data");
            Set<String> traces = new HashSet<>();
            for (JsonNode series : last) {
                for (JsonNode exemplar : series.path("exemplars")) {
                    String trace = exemplar.path("labels").path("trace_id").asText();
                    assertTrue(trace.matches("[0-9a-f]{32}"), exemplar.toString());
                    traces.add(trace);
                }
            }
            if (!traces.isEmpty()) {
                return traces;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no exemplar for " + QUERY + " within " + Patience.DATA + ": " + last);
    }
}
