package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sample nodes with the agent, one syncing from the other over HTTP: one trace spans both processes. */
class CrossProcessTraceIT {

    @TempDir
    Path dir;

    @Test
    void aFetchFromAPeerAndItsServingAreOneTrace() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path serving = Files.createDirectories(dir.resolve("serving"));
            Path fetching = Files.createDirectories(dir.resolve("fetching"));
            Path servingConfig = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), "grpc")
                    .serviceName("node-serving").write(serving);
            Path fetchingConfig = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), "grpc")
                    .serviceName("node-fetching").write(fetching);
            try (NodeProcess server = NodeProcess.sampleNode().agent(servingConfig)
                    .arguments("--port", "0", "--workload-seconds", "60", "--workload-rate", "20").start()) {
                int port = server.awaitListening(Duration.ofSeconds(30));
                try (NodeProcess client = NodeProcess.sampleNode().agent(fetchingConfig)
                        .arguments("--port", "0", "--peer", "http://127.0.0.1:" + port).start()) {
                    client.awaitListening(Duration.ofSeconds(30));
                    List<ReceivedSpan> spans = receiver.awaitSpans(all -> servedFetch(all).isPresent(), Duration.ofSeconds(40));

                    ReceivedSpan served = servedFetch(spans).orElseThrow();
                    ReceivedSpan fetch = parent(spans, served).orElseThrow();
                    assertEquals("node-serving", served.resourceAttributes().get("service.name"));
                    assertEquals("node-fetching", fetch.resourceAttributes().get("service.name"));
                    assertEquals("network.fetch_collections", fetch.name());
                    assertEquals(fetch.traceId(), served.traceId(), "one trace across both nodes");
                    assertTrue(served.attributes().get("peer_id").startsWith("Qm"), served.toString());
                }
            }
        }
    }

    /** A network.serve_collections span of the serving node whose parent, on the fetching node, has arrived. */
    private static Optional<ReceivedSpan> servedFetch(List<ReceivedSpan> spans) {
        return spans.stream().filter(span -> span.name().equals("network.serve_collections") && parent(spans, span).isPresent())
                .findFirst();
    }

    private static Optional<ReceivedSpan> parent(List<ReceivedSpan> spans, ReceivedSpan span) {
        return spans.stream().filter(candidate -> !span.isRoot() && candidate.spanId().equals(span.parentSpanId())).findFirst();
    }
}
