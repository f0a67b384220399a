package io.nodescope.demo;

import static io.nodescope.demo.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TraceTreeReceiverTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CountDownLatch flushed = new CountDownLatch(1);
    /** What the receiver prints, and when it has printed: it flushes once the tree is out. */
    private final PrintStream out = new PrintStream(printed, false, StandardCharsets.UTF_8) {
        @Override
        public void flush() {
            super.flush();
            flushed.countDown();
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGzippedExportIsAcknowledgedAndItsCommandTracePrintedOnce() throws Exception {
        TraceTreeReceiver receiver = TraceTreeReceiver.start(0, out);
        try {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(
                    ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                            .addSpans(span(7, 2, 1, "operation.publish", 1_000, 2_000))
                            .addSpans(span(7, 1, 0, "command.publish", 0, 3_000)))).build();

            assertEquals(200, post(receiver, gzip(request.toByteArray()), "application/x-protobuf").statusCode());
            assertEquals(200, post(receiver, gzip(request.toByteArray()), "application/x-protobuf").statusCode());
            assertEquals(415, post(receiver, new byte[0], "application/json").statusCode());

            assertTrue(flushed.await(30, TimeUnit.SECONDS), "the tree is printed");
            assertEquals("\ntrace 4b000000000000000000000000000007  command.publish  3.0 ms  ok\n"
                    + "  operation.publish  1.0 ms  ok\n\n", printed.toString(StandardCharsets.UTF_8));
        } finally {
            receiver.stop();
        }
    }

    private HttpResponse<Void> post(TraceTreeReceiver receiver, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + TraceTreeReceiver.PATH))
                .header("Content-Type", contentType).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }
}
