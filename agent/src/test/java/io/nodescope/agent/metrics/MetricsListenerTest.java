package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.health.Readiness;
import io.nodescope.instrumentation.Catalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics listener on the wire, with raw sockets: what it answers on each path and method,
 * keep-alive, HEAD, gzip and {@code name[]} through the Prometheus client's handler, its limits
 * (head size, a request that trickles in, the connection limit) with short timeouts, and a scrape
 * that fails.
 */
class MetricsListenerTest {

    private static final String CATALOG_SAMPLE = "\nnode_command_total{command=\"publish\",status=\"ok\"} 1";
    /** Read timeout 300 ms, handshake and request head within 1 s, responses within 2 s, 4 connections, 1 KB heads, 8 headers. */
    private static final HttpLimits SHORT = new HttpLimits(300, 1_000, 2_000, 4, 1024, 8);

    @TempDir
    Path dir;

    private final MetricRegistry registry = new MetricRegistry("test", 100, Map.of());

    MetricsListenerTest() {
        registry.counter(Catalog.COMMAND_TOTAL).series("publish", "ok").increment();
    }

    @Test
    void keepsAliveAnHttp11ConnectionAcrossScrapes() throws Exception {
        try (MetricsServer server = start("", HttpLimits.DEFAULT); Socket socket = connect(server)) {
            for (int i = 0; i < 3; i++) {
                Response response = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, response.status);
                assertNull(response.headers.get("connection"));
                assertTrue(("\n" + response.text()).contains(CATALOG_SAMPLE), response.text());
            }
            Response last = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(200, last.status);
            assertEquals("close", last.headers.get("connection"));
            assertEquals(-1, socket.getInputStream().read(), "closed after Connection: close");
        }
    }

    @Test
    void closesAnHttp10ConnectionAfterItsResponse() throws Exception {
        try (MetricsServer server = start("", HttpLimits.DEFAULT); Socket socket = connect(server)) {
            Response response = exchange(socket, "GET /metrics HTTP/1.0\r\n\r\n");
            assertEquals(200, response.status);
            assertTrue(response.statusLine.startsWith("HTTP/1.0 200"), response.statusLine);
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void servesHeadGzipAndNameFiltersThroughThePrometheusHandler() throws Exception {
        try (MetricsServer server = start("", HttpLimits.DEFAULT); Socket socket = connect(server)) {
            Response whole = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            Response head = exchange(socket, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n", true);
            assertEquals(200, head.status);
            assertEquals(whole.headers.get("content-length"), head.headers.get("content-length"));
            assertEquals(0, head.body.length);

            Response gzip = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate\r\n\r\n");
            assertEquals("gzip", gzip.headers.get("content-encoding"));
            String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzip.body)).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(("\n" + unzipped).contains(CATALOG_SAMPLE), unzipped);

            Response filtered = exchange(socket, "GET /metrics?name[]=node_command_total HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(("\n" + filtered.text()).contains(CATALOG_SAMPLE), filtered.text());
            assertFalse(filtered.text().contains("nodescope_build_info"), filtered.text());

            Response openMetrics = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n\r\n");
            assertTrue(openMetrics.headers.get("content-type").startsWith("application/openmetrics-text"), openMetrics.headers.toString());
            assertTrue(openMetrics.text().endsWith("# EOF\n"), openMetrics.text());
        }
    }

    @Test
    void answersTheHealthAndIndexPathsAndRefusesOtherPathsAndMethods() throws Exception {
        try (MetricsServer server = start("", HttpLimits.DEFAULT); Socket socket = connect(server)) {
            Response healthy = exchange(socket, "GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, healthy.status);
            assertEquals("Exporter is healthy.\n", healthy.text());
            Response index = exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, index.status);
            assertTrue(index.text().contains("href=\"/metrics\""), index.text());
            assertEquals(404, exchange(socket, "GET /metric HTTP/1.1\r\nHost: x\r\n\r\n").status);
            Response post = exchange(socket, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertEquals(405, post.status);
            assertEquals("GET, HEAD", post.headers.get("allow"));
            Response absolute = exchange(socket, "GET http://127.0.0.1/metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(("\n" + absolute.text()).contains(CATALOG_SAMPLE), absolute.text());
        }
    }

    @Test
    void basicAuthGuardsEveryPath() throws Exception {
        Files.writeString(dir.resolve("metrics.password"), "s3cret-scrape\n");
        try (MetricsServer server = start("[telemetry.metrics.basic_auth]\nusername = \"prometheus\"\npassword_file = \"metrics.password\"\n",
                HttpLimits.DEFAULT); Socket socket = connect(server)) {
            for (String path : new String[] {"/metrics", "/-/healthy", "/", "/other"}) {
                Response refused = exchange(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(401, refused.status, path);
                assertEquals("Basic realm=\"nodescope metrics\", charset=\"UTF-8\"", refused.headers.get("www-authenticate"), path);
            }
            for (String credentials : new String[] {"Basic !!!", "Bearer abc", "Basic " + base64("prometheus"),
                    "Basic " + base64("prometheus:s3cret-scrap"), "Basic " + base64("prometheus:s3cret-scrape:")}) {
                assertEquals(401, exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: " + credentials + "\r\n\r\n").status,
                        credentials);
            }
            Response allowed = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nauthorization: basic "
                    + base64("prometheus:s3cret-scrape") + "\r\n\r\n");
            assertEquals(200, allowed.status);
            assertTrue(("\n" + allowed.text()).contains(CATALOG_SAMPLE), allowed.text());
        }
    }

    @Test
    void refusesHeadsBeyondTheLimitsAndMalformedRequests() throws Exception {
        try (MetricsServer server = start("", SHORT)) {
            try (Socket socket = connect(server)) {
                Response tooLong = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(2000) + "\r\n\r\n");
                assertEquals(431, tooLong.status);
                assertEquals("close", tooLong.headers.get("connection"));
                assertClosed(socket);
            }
            try (Socket socket = connect(server)) {
                assertEquals(431, exchange(socket, "GET /metrics HTTP/1.1\r\n" + "X-A: b\r\n".repeat(9) + "\r\n").status);
            }
            for (String request : new String[] {"GARBAGE\r\n\r\n", "GET /metrics HTTP/1.1\r\n folded: x\r\n\r\n",
                    "GET /metrics HTTP/1.1\r\nno colon\r\n\r\n", "GET /metrics HTTP/1.1\r\nContent-Length: x\r\n\r\n"}) {
                try (Socket socket = connect(server)) {
                    assertEquals(400, exchange(socket, request).status, request);
                }
            }
            try (Socket socket = connect(server)) {
                assertEquals(505, exchange(socket, "PRI * HTTP/2.0\r\n\r\n").status);
            }
        }
    }

    @Test
    void closesARequestThatTricklesInPastTheRequestTimeout() throws Exception {
        try (MetricsServer server = start("", SHORT); Socket socket = connect(server)) {
            long start = System.nanoTime();
            byte[] head = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            try {
                // One byte every 100 ms: every read is well within the read timeout, the whole head never arrives.
                for (int i = 0; i < 100; i++) {
                    socket.getOutputStream().write(i < head.length ? head[i] : 'a');
                    socket.getOutputStream().flush();
                    Thread.sleep(100);
                }
                throw new AssertionError("the server kept a trickling request open for 10 s");
            } catch (IOException e) {
                // the server closed it
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void atTheConnectionLimitANewConnectionClosesTheOneThatWaitedLongest() throws Exception {
        // Reads time out only after 10 s here, so nothing but the limit closes a stalled connection.
        HttpLimits fourConnections = new HttpLimits(10_000, 20_000, 2_000, 4, 1024, 8);
        try (MetricsServer server = start("", fourConnections); MetricsServerTest.Stalled stalled = new MetricsServerTest.Stalled()) {
            Socket oldest = stalled.add(MetricsServerTest.partialRequest(connect(server), null));
            Thread.sleep(50);
            Socket[] younger = new Socket[fourConnections.maxConnections - 1];
            for (int i = 0; i < younger.length; i++) {
                younger[i] = stalled.add(MetricsServerTest.partialRequest(connect(server), null));
            }
            Thread.sleep(50);
            try (Socket scrape = connect(server)) {
                assertEquals(200, exchange(scrape, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").status);
            }
            oldest.setSoTimeout(1_000);
            assertClosed(oldest);
            for (Socket socket : younger) {
                socket.setSoTimeout(100);
                try {
                    socket.getInputStream().read();
                    throw new AssertionError("a younger stalled connection was closed");
                } catch (SocketTimeoutException e) {
                    // still open, as it should be
                }
            }
        }
    }

    @Test
    void aFailingScrapeIsAnswered500WithoutDetailsAndTheNextScrapeWorks() throws Exception {
        GaugePoint broken = registry.gauge(Catalog.SYNC_QUEUE_DEPTH).series("fetch");
        broken.follow(() -> {
            throw new IllegalStateException("secret detail of a failing gauge");
        });
        try (MetricsServer server = start("", HttpLimits.DEFAULT); Socket socket = connect(server)) {
            Response failed = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, failed.status);
            assertFalse(failed.text().contains("secret"), failed.text());
            Response gzipFailed = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
            assertEquals(500, gzipFailed.status);
            broken.follow(() -> 3);
            Response next = exchange(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, next.status);
            assertTrue(next.text().contains("node_sync_queue_depth{stage=\"fetch\"} 3"), next.text());
        }
    }

    @Test
    void closeEndsOpenConnectionsAndFreesThePort() throws Exception {
        MetricsServer server = start("", HttpLimits.DEFAULT);
        try (Socket idle = connect(server)) {
            assertEquals(200, exchange(idle, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").status);
            server.close();
            idle.setSoTimeout(2_000);
            assertClosed(idle);
        }
        int port = server.port();
        try (MetricsServer again = startOn(port)) {
            assertEquals(port, again.port());
        }
    }

    private MetricsServer start(String settings, HttpLimits limits) throws Exception {
        MetricsConfig config = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\nruntime = false\n" + settings).metrics();
        return MetricsServer.start(config, registry, Readiness.start(List.of(), registry), limits);
    }

    private MetricsServer startOn(int port) throws Exception {
        MetricsConfig config = TestConfigs.load(dir, "[telemetry.metrics]\nbind_address = \"127.0.0.1:" + port + "\"\nruntime = false\n").metrics();
        return MetricsServer.start(config, registry, Readiness.start(List.of(), registry));
    }

    private static Socket connect(MetricsServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertClosed(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open", e);
        } catch (IOException e) {
            // reset: closed too
        }
    }

    private static Response exchange(Socket socket, String request) throws IOException {
        return exchange(socket, request, false);
    }

    /** Sends {@code request} and reads one response framed by its Content-Length ({@code head}: none follows). */
    private static Response exchange(Socket socket, String request, boolean head) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = head ? 0 : Integer.parseInt(headers.get("content-length"));
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length, "body cut short");
        return new Response(statusLine, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("the connection ended mid-response: " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.endsWith("\r"), "line without CRLF: " + text);
        return text.substring(0, text.length() - 1);
    }

    private static final class Response {
        final String statusLine;
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(String statusLine, Map<String, String> headers, byte[] body) {
            this.statusLine = statusLine;
            this.status = Integer.parseInt(statusLine.split(" ")[1]);
            this.headers = headers;
            this.body = body;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
