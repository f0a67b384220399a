package io.nodescope.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 ({@code POST /v1/traces}, binary protobuf, plain or gzip) that prints
 * the first command trace it receives as a tree ({@link FirstCommandTrace}, {@link SpanTree}), once. It goes on
 * acknowledging every export, so that the agent counts no failure while the demo runs.
 */
final class TraceTreeReceiver {

    static final String PATH = "/v1/traces";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final long NO_BODY = -1;
    /**
     * How long the chosen trace waits for spans that ended after its root (work handed to another thread) and
     * so come in a later batch: the agent exports every second.
     */
    private static final long LATE_SPANS_MILLIS = 2000;

    private final FirstCommandTrace trace = new FirstCommandTrace();
    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "trace-tree-printer");
        thread.setDaemon(true);
        return thread;
    });
    private final PrintStream out;
    private final HttpServer server;

    private TraceTreeReceiver(int port, PrintStream out) throws IOException {
        this.out = out;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new BindException("traces: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        server.createContext(PATH, this::handle);
    }

    static TraceTreeReceiver start(int port, PrintStream out) throws IOException {
        TraceTreeReceiver receiver = new TraceTreeReceiver(port, out);
        receiver.server.start();
        return receiver;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Runs until {@code parent} (the demo) ends, so that a demo killed without its cleanup leaves nothing behind. */
    void exitWith(ProcessHandle parent) {
        parent.onExit().join();
        stop();
    }

    void stop() {
        server.stop(0);
        printer.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status(exchange), NO_BODY);
        }
    }

    private int status(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("POST")) {
            return 405;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith(PROTOBUF)) {
            return 415; // http/json is not decoded here
        }
        ExportTraceServiceRequest request;
        try (InputStream body = decompressedBody(exchange)) {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (IOException e) {
            return 400;
        }
        if (trace.add(spans(request))) {
            printer.schedule(this::print, LATE_SPANS_MILLIS, TimeUnit.MILLISECONDS);
        }
        // the success body is an empty ExportTraceServiceResponse, which encodes to zero bytes
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        return 200;
    }

    private void print() {
        trace.take().ifPresent(tree -> {
            out.print("\n" + tree.render() + "\n");
            out.flush();
        });
    }

    private static List<Span> spans(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream().map(ResourceSpans::getScopeSpansList)
                .flatMap(List::stream).map(ScopeSpans::getSpansList).flatMap(List::stream).toList();
    }

    private static InputStream decompressedBody(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
    }
}
