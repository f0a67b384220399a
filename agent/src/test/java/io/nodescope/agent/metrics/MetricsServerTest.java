package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.BindAddress;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.instrumentation.Catalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /metrics} serves with the JVM and process metrics on ({@code runtime = true}, the default) and off. */
class MetricsServerTest {

    @TempDir
    Path dir;

    @Test
    void runtimeOnServesJvmAndProcessMetricsBesideTheCatalog() throws Exception {
        String exposition = scrape(true);
        assertTrue(exposition.contains("\njvm_memory_used_bytes{"), exposition);
        assertTrue(exposition.contains("\njvm_threads_current "), exposition);
        assertTrue(exposition.contains("\nprocess_cpu_seconds_total "), exposition);
        assertTrue(exposition.contains("\nnode_command_total{command=\"publish\",status=\"ok\"} 1"), exposition);
    }

    @Test
    void runtimeOffServesOnlyTheCatalogAndTheAgentsOwnMetrics() throws Exception {
        String exposition = scrape(false);
        assertFalse(exposition.contains("jvm_"), exposition);
        assertFalse(exposition.contains("process_"), exposition);
        assertTrue(exposition.contains("\nnode_command_total{command=\"publish\",status=\"ok\"} 1"), exposition);
        assertTrue(exposition.contains("\nnodescope_build_info{"), exposition);
    }

    private String scrape(boolean runtime) throws Exception {
        MetricRegistry registry = new MetricRegistry("test", 100, Map.of());
        registry.counter(Catalog.COMMAND_TOTAL).series("publish", "ok").increment();
        BindAddress loopback = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\n").metrics().bindAddress();
        try (MetricsServer server = MetricsServer.start(loopback, registry, runtime)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return "\n" + response.body();
        }
    }
}
