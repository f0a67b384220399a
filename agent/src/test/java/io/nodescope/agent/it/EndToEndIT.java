package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sample nodes with the agent and the workload, one syncing from the other over HTTP: every
 * catalog metric has data on both, spans of every kind arrive, and a fetch from the peer and its
 * serving are one trace across both processes.
 */
class EndToEndIT {

    /** The span name prefixes of the kinds the sample node's rules use. */
    private static final List<String> SPAN_KINDS = List.of("command.", "task.", "operation.", "task.sync.", "network.",
            "repository.", "triple_store.");

    @TempDir
    Path dir;

    @Test
    void twoNodesShowTheWholeCatalogSpansOfEveryKindAndOneTraceAcrossBoth() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            int servingMetrics = FreePort.pick();
            int fetchingMetrics = FreePort.pick();
            Path servingConfig = SampleConfig.shipped().metricsPort(servingMetrics).traces(receiver.endpoint(), "grpc")
                    .serviceName("node-serving").write(Files.createDirectories(dir.resolve("serving")));
            Path fetchingConfig = SampleConfig.shipped().metricsPort(fetchingMetrics).traces(receiver.endpoint(), "grpc")
                    .serviceName("node-fetching").write(Files.createDirectories(dir.resolve("fetching")));
            try (NodeProcess serving = NodeProcess.sampleNode().agent(servingConfig)
                    .arguments("--port", "0", "--workload-seconds", "60", "--workload-rate", "20").start()) {
                int port = serving.awaitListening(Patience.START);
                try (NodeProcess fetching = NodeProcess.sampleNode().agent(fetchingConfig)
                        .arguments("--port", "0", "--peer", "http://127.0.0.1:" + port, "--workload-seconds", "60", "--workload-rate", "20")
                        .start()) {
                    fetching.awaitListening(Patience.START);
                    List<ReceivedSpan> spans = receiver.awaitSpans(all -> servedFetch(all).isPresent()
                            && SPAN_KINDS.stream().allMatch(prefix -> all.stream().anyMatch(span -> span.name().startsWith(prefix))),
                            Patience.DATA);
                    MetricsText servingNode = Scrape.awaitMetrics(servingMetrics, m -> CatalogData.missing(m).isEmpty(), Patience.DATA);
                    MetricsText fetchingNode = Scrape.awaitMetrics(fetchingMetrics, m -> CatalogData.missing(m).isEmpty(), Patience.DATA);

                    ReceivedSpan served = servedFetch(spans).orElseThrow();
                    ReceivedSpan fetch = parent(spans, served).orElseThrow();
                    assertEquals("node-serving", served.resourceAttributes().get("service.name"));
                    assertEquals("node-fetching", fetch.resourceAttributes().get("service.name"));
                    assertEquals("network.fetch_collections", fetch.name());
                    assertEquals(fetch.traceId(), served.traceId(), "one trace across both nodes");
                    assertEquals("CLIENT", fetch.kind(), "the calling side: " + fetch);
                    assertEquals("SERVER", served.kind(), "the side that continued a remote caller's trace: " + served);
                    assertEquals(Set.of("CLIENT"), kinds(spans, "repository."), "SQL queries");
                    assertEquals(Set.of("CLIENT"), kinds(spans, "triple_store."), "SPARQL queries");
                    assertEquals(Set.of("INTERNAL"), kinds(spans, "task."), "periodic tasks start inside the node");
                    assertTrue(served.attributes().get("peer_id").startsWith("Qm"), served.toString());
                    assertTrue(fetchingNode.value("node_network_requests_total{outcome=\"ok\",protocol=\"fetch_collections\"}") > 0);
                    assertTrue(servingNode.value("node_network_requests_total{outcome=\"ok\",protocol=\"serve_collections\"}") > 0);
                    assertEquals(0.0, servingNode.value("nodescope_advice_errors_total"));
                    assertEquals(0.0, fetchingNode.value("nodescope_advice_errors_total"));
                }
            }
        }
    }

    /** A network.serve_collections span of the serving node whose parent, on the fetching node, has arrived. */
    private static Optional<ReceivedSpan> servedFetch(List<ReceivedSpan> spans) {
        return spans.stream().filter(span -> span.name().equals("network.serve_collections") && parent(spans, span).isPresent())
                .findFirst();
    }

    private static Set<String> kinds(List<ReceivedSpan> spans, String namePrefix) {
        return spans.stream().filter(span -> span.name().startsWith(namePrefix)).map(ReceivedSpan::kind).collect(Collectors.toSet());
    }

    private static Optional<ReceivedSpan> parent(List<ReceivedSpan> spans, ReceivedSpan span) {
        return spans.stream().filter(candidate -> !span.isRoot() && candidate.spanId().equals(span.parentSpanId())).findFirst();
    }
}
