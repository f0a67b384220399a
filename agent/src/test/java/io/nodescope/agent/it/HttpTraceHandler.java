package io.nodescope.agent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** {@code POST /v1/traces} for OTLP/HTTP with binary protobuf bodies (http/protobuf). */
final class HttpTraceHandler implements HttpHandler {

    static final String PATH = "/v1/traces";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final long NO_BODY = -1;

    private final ReceivedTraces traces;

    HttpTraceHandler(ReceivedTraces traces) {
        this.traces = traces;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.sendResponseHeaders(status(exchange), NO_BODY);
        } finally {
            exchange.close();
        }
    }

    private int status(HttpExchange exchange) {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            return 404;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return 405;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith(PROTOBUF)) {
            // OTLP/HTTP JSON is not supported; fail loudly rather than mis-decode.
            return 415;
        }
        try (InputStream body = decompressedBody(exchange)) {
            traces.record(ExportTraceServiceRequest.parseFrom(body));
        } catch (IOException e) {
            return 400;
        }
        // The success body is an empty ExportTraceServiceResponse, which encodes to zero bytes.
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        return 200;
    }

    private static InputStream decompressedBody(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
    }
}
