package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.TestCertificates;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.health.Readiness;
import io.nodescope.instrumentation.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code /metrics} serves: with the JVM and process metrics on ({@code runtime = true}, the
 * default) and off, behind basic auth, and over HTTPS; the health endpoints beside it; and that clients which connect and then stall
 * cannot keep a scrape from being answered.
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
    void healthAnswersBehindTheSameBasicAuthAndReadinessSaysWhyIn503() throws Exception {
        Files.writeString(dir.resolve("metrics.password"), "s3cret-scrape\n");
        byte[] notReady = "{\"status\":\"not ready\",\"checks\":[]}\n".getBytes(StandardCharsets.UTF_8);
        ReadinessReport report = new ReadinessReport() {
            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public byte[] json() {
                return notReady;
            }
        };
        MetricsConfig config = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\n"
                + "[telemetry.metrics.basic_auth]\nusername = \"prometheus\"\npassword_file = \"metrics.password\"\n").metrics();
        try (MetricsServer server = MetricsServer.start(config, registry, () -> report)) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(401, request(client, server, "/health/live", null).statusCode());
            assertEquals(401, request(client, server, "/health/ready", null).statusCode());
            HttpResponse<String> live = request(client, server, "/health/live", "prometheus:s3cret-scrape");
            assertEquals(200, live.statusCode());
            assertEquals("{\"status\":\"live\"}\n", live.body());
            assertEquals("application/json", live.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> ready = request(client, server, "/health/ready", "prometheus:s3cret-scrape");
            assertEquals(503, ready.statusCode());
            assertEquals(new String(notReady, StandardCharsets.UTF_8), ready.body());
        }
        try (MetricsServer server = start("")) {
            HttpResponse<String> ready = request(HttpClient.newHttpClient(), server, "/health/ready", null);
            assertEquals(200, ready.statusCode());
            assertEquals("{\"status\":\"ready\",\"checks\":[]}\n", ready.body());
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

    @Test
    void fiftyConnectionsStalledMidRequestDoNotDelayAScrape() throws Exception {
        try (MetricsServer server = start(""); Stalled stalled = new Stalled()) {
            for (int i = 0; i < 50; i++) {
                stalled.add(partialRequest(new Socket("127.0.0.1", server.port()), null));
            }
            HttpClient client = HttpClient.newHttpClient();
            for (int scrape = 0; scrape < 3; scrape++) {
                HttpResponse<String> response = getWithin(client, "http", server, null, Duration.ofSeconds(1));
                assertEquals(200, response.statusCode());
                assertTrue(("\n" + response.body()).contains(CATALOG_SAMPLE), response.body());
            }
        }
    }

    @Test
    void overTlsWithBasicAuthStalledHandshakesAndStalledRequestsDoNotDelayAScrape() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "EC");
        Files.writeString(dir.resolve("metrics.password"), "s3cret-scrape\n");
        try (MetricsServer server = start("[telemetry.metrics.basic_auth]\nusername = \"prometheus\"\npassword_file = \"metrics.password\"\n"
                + "[telemetry.metrics.tls]\ncert_file = \"" + certificates.certFile().getFileName() + "\"\nkey_file = \""
                + certificates.keyFile() + "\"\n"); Stalled stalled = new Stalled()) {
            for (int i = 0; i < 25; i++) {
                // The start of a TLS record that announces a 512-byte ClientHello, then nothing more.
                Socket socket = stalled.add(new Socket("127.0.0.1", server.port()));
                socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
                socket.getOutputStream().flush();
            }
            for (int i = 0; i < 25; i++) {
                SSLSocket socket = (SSLSocket) certificates.trustingClient().getSocketFactory().createSocket("127.0.0.1", server.port());
                stalled.add(socket);
                socket.startHandshake();
                partialRequest(socket, "prometheus:s3cret-scrape");
            }
            HttpClient trusting = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
            for (int scrape = 0; scrape < 3; scrape++) {
                HttpResponse<String> response = getWithin(trusting, "https", server, "prometheus:s3cret-scrape", Duration.ofSeconds(1));
                assertEquals(200, response.statusCode());
                assertTrue(("\n" + response.body()).contains(CATALOG_SAMPLE), response.body());
            }
            assertEquals(401, getWithin(trusting, "https", server, "prometheus:wrong", Duration.ofSeconds(1)).statusCode());
        }
    }

    @Test
    void connectionsThatStallMidRequestOrSendNothingAreClosedByTheServer() throws Exception {
        try (MetricsServer server = start("");
                Socket midRequest = partialRequest(new Socket("127.0.0.1", server.port()), null);
                Socket silent = new Socket("127.0.0.1", server.port())) {
            assertClosedByServerWithin(midRequest, Duration.ofMillis(HttpLimits.READ_TIMEOUT_MILLIS + 10_000));
            assertClosedByServerWithin(silent, Duration.ofMillis(HttpLimits.READ_TIMEOUT_MILLIS + 10_000));
        }
    }

    /** Reads until the server closes the connection (end of stream or a reset), failing after {@code bound}. */
    static void assertClosedByServerWithin(Socket socket, Duration bound) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a response to a partial request is allowed (e.g. 408); the connection must end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept an idle connection open for " + bound, e);
        } catch (IOException e) {
            // reset by the server: closed too
        }
    }

    /** Sends the request line and one header of a scrape, never the blank line that ends the head. */
    static Socket partialRequest(Socket socket, String credentials) throws IOException {
        OutputStream out = socket.getOutputStream();
        String head = "GET /metrics HTTP/1.1\r\nHost: x\r\n";
        if (credentials != null) {
            head += "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        }
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Sockets held open for the length of a test. */
    static final class Stalled implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();

        <S extends Socket> S add(S socket) {
            sockets.add(socket);
            return socket;
        }

        @Override
        public void close() {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // already gone
                }
            }
        }
    }

    /** Starts a server with {@code settings} appended to a loopback {@code [telemetry.metrics]} section. */
    private MetricsServer start(String settings) throws Exception {
        MetricsConfig config = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\n" + settings).metrics();
        return MetricsServer.start(config, registry, Readiness.start(List.of(), registry));
    }

    private static HttpResponse<String> get(HttpClient client, String scheme, MetricsServer server, String credentials)
            throws IOException, InterruptedException {
        return getWithin(client, scheme, server, credentials, Duration.ofSeconds(30));
    }

    /** A scrape the client gives up on after {@code timeout}. */
    private static HttpResponse<String> getWithin(HttpClient client, String scheme, MetricsServer server, String credentials, Duration timeout)
            throws IOException, InterruptedException {
        return send(client, scheme + "://127.0.0.1:" + server.port() + "/metrics", credentials, timeout);
    }

    private static HttpResponse<String> request(HttpClient client, MetricsServer server, String path, String credentials)
            throws IOException, InterruptedException {
        return send(client, "http://127.0.0.1:" + server.port() + path, credentials, Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpClient client, String url, String credentials, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
