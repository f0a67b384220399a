package io.nodescope.agent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** {@code POST /v1/traces}, {@code /v1/metrics} or {@code /v1/logs} for OTLP/HTTP with binary protobuf bodies (http/protobuf). */
final class HttpExportHandler implements HttpHandler {

    static final String TRACES = "/v1/traces";
    static final String METRICS = "/v1/metrics";
    static final String LOGS = "/v1/logs";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final long NO_BODY = -1;

    /** Decodes and records one request body. */
    interface Body {
        void record(InputStream body) throws IOException;
    }

    private final String path;
    private final Body body;

    HttpExportHandler(String path, Body body) {
        this.path = path;
        this.body = body;
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
        if (!exchange.getRequestURI().getPath().equals(path)) {
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
        try (InputStream in = decompressedBody(exchange)) {
            body.record(in);
        } catch (IOException e) {
            return 400;
        }
        // The success body is an empty Export*ServiceResponse, which encodes to zero bytes.
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        return 200;
    }

    private static InputStream decompressedBody(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
    }
}
