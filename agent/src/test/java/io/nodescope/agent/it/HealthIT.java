package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} on the sample node, computed from its sync heartbeat: a node whose sync is
 * stalled turns not ready once the heartbeat is older than configured, a healthy one is ready.
 * The fault cannot be lifted in a running node, so the healthy node stands for the lifted fault.
 * Without checks a node is ready, also when its metrics are only pushed.
 */
class HealthIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String HEARTBEAT = "[[telemetry.health.ready]]\nname = \"sync-heartbeat\"\ncheck = \"heartbeat_age\"\n"
            + "max_age_seconds = %d\n";

    @TempDir
    Path dir;

    @Test
    void aStalledSyncTurnsNotReadyOnceTheHeartbeatIsOlderThanConfigured() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false)
                .withSection(String.format(HEARTBEAT, 30)).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "0", "--fault", "sync-stall").start()) {
            node.awaitListening(Patience.START);
            // The listener starts beside the node, a moment after it: the first answer is awaited.
            HttpResponse<String> starting = awaitReady(metricsPort, response -> true);
            assertEquals(200, get(metricsPort, "/health/live").statusCode());
            assertEquals(200, starting.statusCode(), "a fresh start has max_age_seconds to beat once: " + starting.body());
            assertTrue(starting.body().contains("\"detail\":\"no heartbeat yet, "), starting.body());

            HttpResponse<String> stalled = awaitReady(metricsPort, response -> response.statusCode() == 503);
            assertTrue(stalled.body().startsWith("{\"status\":\"not ready\",\"checks\":[{\"name\":\"sync-heartbeat\","
                    + "\"check\":\"heartbeat_age\",\"ok\":false,\"detail\":\"no heartbeat yet, "), stalled.body());
            assertTrue(stalled.body().contains("s since the agent started (max 30 s)"), stalled.body());
            assertEquals(503, get(metricsPort, "/health/ready").statusCode(), "the stall goes on");
            assertEquals(0.0, Scrape.awaitMetrics(metricsPort, metrics -> metrics.has("nodescope_ready"), Patience.DATA)
                    .value("nodescope_ready"));
        }
    }

    @Test
    void aHealthyNodeIsReadyOnItsHeartbeatErrorRatioAndRecentPublishes() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false)
                .withSection(String.format(HEARTBEAT, 60)
                        + "[[telemetry.health.ready]]\nname = \"command-errors\"\ncheck = \"error_ratio\"\nmetric = \"node_command_total\"\n"
                        + "window_minutes = 1\nmax_ratio = 0.5\n"
                        + "[[telemetry.health.ready]]\nname = \"publishes\"\ncheck = \"recent_success\"\n"
                        + "metric = \"node_command_duration_seconds\"\nlabels = { command = \"publish\" }\nwithin_seconds = 30\n")
                .write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "600", "--workload-rate", "20").start()) {
            node.awaitListening(Patience.START);
            HttpResponse<String> ready = awaitReady(metricsPort, response -> response.statusCode() == 200
                    && response.body().contains("\"detail\":\"heartbeat ") && response.body().contains("\"detail\":\"error ratio ")
                    && response.body().contains("\"detail\":\"last normal return "));
            assertTrue(ready.body().startsWith("{\"status\":\"ready\",\"checks\":[{\"name\":\"sync-heartbeat\""), ready.body());
            assertTrue(ready.body().matches("(?s).*error ratio 0\\.\\d{3} over the last 1 min \\(\\d+ of \\d+ calls failed, max 0\\.5\\).*"),
                    ready.body());
            assertEquals(1.0, Scrape.awaitMetrics(metricsPort, metrics -> metrics.has("nodescope_ready")
                    && metrics.value("nodescope_ready") == 1.0, Patience.DATA).value("nodescope_ready"));
        }
    }

    @Test
    void aNodeThatOnlyPushesItsMetricsAndHasNoChecksPushesReady() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = SampleConfig.shipped().tracesEnabled(false)
                    .setting("metrics", "exporters", "[\"otlp\"]")
                    .setting("metrics", "otlp_endpoint", "\"" + receiver.endpoint() + "\"")
                    .setting("metrics", "protocol", "\"grpc\"")
                    .setting("metrics", "export_interval_seconds", "1").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "0").start()) {
                node.awaitListening(Patience.START);
                ExportMetricsServiceRequest push = receiver.awaitMetrics(requests -> !requests.isEmpty(), Patience.DATA).get(0);
                assertEquals(1.0, PushedSamples.of(push).get("nodescope_ready"), "no checks: ready, and nothing listens to say so");
            }
        }
    }

    /** Polls {@code /health/ready} until its answer satisfies {@code condition}. */
    private static HttpResponse<String> awaitReady(int port, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + Patience.DATA.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(port, "/health/ready");
                if (condition.test(response)) {
                    return response;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/health/ready did not reach the expected state within " + Patience.DATA + "; last: " + last);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
