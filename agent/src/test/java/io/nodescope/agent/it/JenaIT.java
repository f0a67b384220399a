package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.JenaWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jena pack on an embedded Jena dataset, queried through every entry point a Jena application
 * uses: each query the application asks for is one call of its type, whatever layers it passes
 * through and whatever queries Jena runs inside it; a SELECT lasts until its rows are read, and a
 * failure while reading them is an error. Counts are exact; see {@link JenaWorkload} for the workload.
 */
class JenaIT {

    @TempDir
    Path dir;

    @Test
    void everyQueryTheApplicationAsksForIsOneCallOfItsTypeWithItsOutcome() throws Exception {
        int metricsPort = FreePort.pick();
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = dir.resolve("nodescope.toml");
            Files.writeString(config, String.join("\n",
                    "include = [\"nodescope:jena\"]",
                    "",
                    "[telemetry.traces]",
                    "enabled = true",
                    "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                    "protocol = \"grpc\"",
                    "",
                    "[telemetry.metrics]",
                    "enabled = true",
                    "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                    ""));
            try (NodeProcess app = NodeProcess.java().agent(config).mainClass(TestClassPath.withLibraries(), JenaWorkload.class.getName())
                    .arguments("120").start()) {
                app.awaitLine(line -> line.equals(JenaWorkload.DONE), Patience.DATA);
                MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has(TripleStoreCounts.count("update", "ok")), Patience.DATA);
                Map<String, int[]> expected = JenaWorkload.EXPECTED;
                TripleStoreCounts.assertExactly(expected, metrics, app.output());
                TripleStoreCounts.assertSelectsTimedWhileRead(metrics, JenaWorkload.SLOW_SELECT_MILLIS);

                int calls = expected.values().stream().mapToInt(counts -> counts[0] + counts[1]).sum();
                int errors = expected.values().stream().mapToInt(counts -> counts[1]).sum();
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> queries(all).size() >= calls, Patience.DATA);
                List<ReceivedSpan> queries = queries(spans);
                assertEquals(calls, queries.size(), "one span per query: " + queries);
                assertEquals(calls, queries.stream().map(ReceivedSpan::spanId).distinct().count());
                for (String type : expected.keySet()) {
                    List<ReceivedSpan> ofType = queries.stream().filter(span -> span.name().equals("triple_store." + type))
                            .collect(Collectors.toList());
                    assertEquals(expected.get(type)[0] + expected.get(type)[1], ofType.size(), type + ": " + ofType);
                    assertEquals(expected.get(type)[1], ofType.stream().filter(span -> span.statusCode().equals("ERROR")).count(),
                            type + " errors: " + ofType);
                    assertTrue(ofType.stream().allMatch(span -> span.kind().equals("CLIENT")
                            && span.attributes().get("status").equals(span.statusCode().equals("ERROR") ? "error" : "ok")), ofType.toString());
                }
                assertEquals(errors, queries.stream().filter(span -> span.event("exception").isPresent()).count());
                assertEquals(Set.of(), queries.stream().map(ReceivedSpan::name)
                        .filter(name -> !expected.containsKey(name.substring("triple_store.".length()))).collect(Collectors.toSet()));
            }
        }
    }

    private static List<ReceivedSpan> queries(List<ReceivedSpan> spans) {
        return spans.stream().filter(span -> span.name().startsWith("triple_store.")).collect(Collectors.toList());
    }
}
