package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.TestCertificates;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.instrumentation.Catalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code /metrics} serves: with the JVM and process metrics on ({@code runtime = true}, the
 * default) and off, behind basic auth, and over HTTPS.
 */
class MetricsServerTest {

    private static final String CATALOG_SAMPLE = "\nnode_command_total{command=\"publish\",status=\"ok\"} 1";

    @TempDir
    Path dir;

    private final MetricRegistry registry = new MetricRegistry("test", 100, Map.of());

    MetricsServerTest() {
        registry.counter(Catalog.COMMAND_TOTAL).series("publish", "ok").increment();
    }

    @Test
    void runtimeOnServesJvmAndProcessMetricsBesideTheCatalog() throws Exception {
        try (MetricsServer server = start("")) {
            String exposition = "\n" + get(HttpClient.newHttpClient(), "http", server, null).body();
            assertTrue(exposition.contains("\njvm_memory_used_bytes{"), exposition);
            assertTrue(exposition.contains("\njvm_threads_current "), exposition);
            assertTrue(exposition.contains("\nprocess_cpu_seconds_total "), exposition);
            assertTrue(exposition.contains(CATALOG_SAMPLE), exposition);
        }
    }

    @Test
    void runtimeOffServesOnlyTheCatalogAndTheAgentsOwnMetrics() throws Exception {
        try (MetricsServer server = start("runtime = false\n")) {
            String exposition = "\n" + get(HttpClient.newHttpClient(), "http", server, null).body();
            assertFalse(exposition.contains("jvm_"), exposition);
            assertFalse(exposition.contains("process_"), exposition);
            assertTrue(exposition.contains(CATALOG_SAMPLE), exposition);
            assertTrue(exposition.contains("\nnodescope_build_info{"), exposition);
        }
    }

    @Test
    void basicAuthLetsOnlyTheConfiguredUserRead() throws Exception {
        Files.writeString(dir.resolve("metrics.password"), "s3cret-scrape\n");
        try (MetricsServer server = start("[telemetry.metrics.basic_auth]\nusername = \"prometheus\"\npassword_file = \"metrics.password\"\n")) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(401, get(client, "http", server, null).statusCode());
            assertEquals(401, get(client, "http", server, "prometheus:wrong").statusCode());
            assertEquals(401, get(client, "http", server, "other:s3cret-scrape").statusCode());
            HttpResponse<String> allowed = get(client, "http", server, "prometheus:s3cret-scrape");
            assertEquals(200, allowed.statusCode());
            assertTrue(("\n" + allowed.body()).contains(CATALOG_SAMPLE), allowed.body());
        }
    }

    @Test
    void tlsServesOverHttpsWithAnRsaOrAnEcKeyAndRefusesPlainHttp() throws Exception {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            TestCertificates certificates = TestCertificates.create(dir, algorithm);
            try (MetricsServer server = start("[telemetry.metrics.tls]\ncert_file = \"" + certificates.certFile().getFileName()
                    + "\"\nkey_file = \"" + certificates.keyFile() + "\"\n")) {
                HttpClient trusting = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
                HttpResponse<String> response = get(trusting, "https", server, null);
                assertEquals(200, response.statusCode(), algorithm);
                assertTrue(("\n" + response.body()).contains(CATALOG_SAMPLE), algorithm);
                assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), "http", server, null), algorithm + ": plain HTTP");
            }
        }
    }

    /** Starts a server with {@code settings} appended to a loopback {@code [telemetry.metrics]} section. */
    private MetricsServer start(String settings) throws Exception {
        MetricsConfig config = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\n" + settings).metrics();
        return MetricsServer.start(config, registry);
    }

    private static HttpResponse<String> get(HttpClient client, String scheme, MetricsServer server, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/metrics"));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
