package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that select far more than anyone should instrument, or classes the agent itself needs while
 * it records, still leave a node that starts, serves and stops on SIGTERM, and the agent says what it
 * left out.
 */
class BroadRuleIT {

    private static final Duration START = Patience.START;
    private static final Duration DATA = Patience.DATA;
    /** What SIGTERM may take to end the node's JVM. */
    private static final Duration STOP = Duration.ofSeconds(5);
    private static final int METHOD_LIMIT = 500;

    private static final String EVERYTHING = String.join("\n",
            "",
            "[[rule]]",
            "name = \"everything\"",
            "kind = \"command\"",
            "class.name = \"**\"",
            "method.name = \"*\"",
            "");

    private static final String STRINGS = String.join("\n",
            "",
            "[[rule]]",
            "name = \"strings\"",
            "kind = \"command\"",
            "class.name = \"java.lang.String\"",
            "method.name = \"*\"",
            "");

    /** Commands sent over the node's HTTP API, each valid. */
    private static final List<String> COMMANDS = List.of(
            "{\"type\":\"publish\",\"blockchain\":\"otp:2043\",\"payload\":{\"assertions\":"
                    + "\"<urn:item:1> <https://schema.org/name> \\\"Item 1\\\" .\"}}",
            "{\"type\":\"query\",\"blockchain\":\"base:8453\",\"payload\":{\"contains\":\"tools\"}}",
            "{\"type\":\"cleanup\",\"payload\":{}}");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aRuleOnEveryMethodOfEveryClassLeavesTheNodeServingAndStoppable() throws Exception {
        long withoutRule = timeToListen(config(FreePort.pick(), ""));

        int metricsPort = FreePort.pick();
        Path config = config(metricsPort, EVERYTHING);
        long start = System.nanoTime();
        try (NodeProcess node = node(config)) {
            int port = node.awaitListening(START);
            long withRule = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("time to listen: " + withoutRule + " ms with the shipped rules, " + withRule
                    + " ms with a rule on every method of every class as well");

            assertEquals(200, Probe.status(port, "/health"), node.output());
            for (String body : COMMANDS) {
                HttpResponse<String> response = command(port, body);
                assertEquals(200, response.statusCode(), body + ": " + response.body() + "\n" + node.output());
            }
            node.awaitLine(line -> line.contains("WARNING") && line.contains("'everything'") && line.contains("" + METHOD_LIMIT),
                    DATA);
            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has("node_command_total{command=\"publish\",status=\"ok\"}"),
                    DATA);
            assertEquals(METHOD_LIMIT, metrics.value("nodescope_instrumented_methods{rule=\"everything\"}"), metrics.text());
            assertTrue(metrics.value("nodescope_instrumented_methods{rule=\"node-commands\"}") >= 5, metrics.text());
            assertFalse(node.output().contains("could not instrument java."), node.output());
            assertFalse(node.output().contains("[nodescope] ERROR"), node.output());
            assertFalse(node.output().contains("Exception in thread"), node.output());

            assertStopsOnSigterm(node);
        }
    }

    @Test
    void aRuleOnAClassTheAgentNeedsIsWarnedAboutAndTheNodeStartsNormally() throws Exception {
        int metricsPort = FreePort.pick();
        try (NodeProcess node = node(config(metricsPort, STRINGS))) {
            int port = node.awaitListening(START);
            assertEquals(200, Probe.status(port, "/health"), node.output());
            String warning = node.awaitLine(line -> line.contains("WARNING") && line.contains("'strings'"), DATA);
            assertTrue(warning.contains("java.lang"), warning);
            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has("nodescope_instrumented_methods{rule=\"strings\"}"), DATA);
            assertEquals(0.0, metrics.value("nodescope_instrumented_methods{rule=\"strings\"}"), metrics.text());
            assertTrue(metrics.value("nodescope_instrumented_methods{rule=\"executor-handoff\"}") >= 1, "the executors pack still"
                    + " selects the JDK's thread pools:\n" + metrics.text());
            assertFalse(node.output().contains("[nodescope] ERROR"), node.output());
            assertStopsOnSigterm(node);
        }
    }

    private static void assertStopsOnSigterm(NodeProcess node) throws Exception {
        long stopping = System.nanoTime();
        ProcessHandle.of(node.pid()).orElseThrow().destroy();
        node.awaitExit(START);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
        System.out.println("SIGTERM to exit: " + took + " ms");
        assertTrue(took < STOP.toMillis(), "the node's JVM took " + took + " ms to end after SIGTERM\n" + node.output());
    }

    private long timeToListen(Path config) {
        long start = System.nanoTime();
        try (NodeProcess node = node(config)) {
            node.awaitListening(START);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    private static NodeProcess node(Path config) {
        return NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "120", "--workload-rate", "20", "--error-share", "0").start();
    }

    /** The sample node's shipped config (traces off: no backend here) with {@code rules} added. */
    private Path config(int metricsPort, String rules) throws Exception {
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        Files.writeString(config, rules, StandardOpenOption.APPEND);
        return config;
    }

    private static HttpResponse<String> command(int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/commands"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
