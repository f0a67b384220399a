package io.nodescope.agent.it;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
  * A real OTLP trace receiver on a free loopback port, for tests that need to see what an exporter
  * actually put on the wire. Start it with {@link #startGrpc()} or {@link #startHttp()}, point the
  * exporter at {@link #endpoint()}, then assert with {@link #awaitSpans}.
  */
final class OtlpReceiver implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final ReceivedTraces traces;
    private final int port;
    private final Runnable stopServer;

    private OtlpReceiver(ReceivedTraces traces, int port, Runnable stopServer) {
        this.traces = traces;
        this.port = port;
        this.stopServer = stopServer;
    }

    /** OTLP/gRPC: {@code TraceService/Export}; gzip-compressed messages are accepted. */
    static OtlpReceiver startGrpc() {
        ReceivedTraces traces = new ReceivedTraces();
        Server server =
                NettyServerBuilder.forAddress(freeLoopbackAddress())
                        .addService(new GrpcTraceService(traces))
                        .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start OTLP/gRPC receiver", e);
        }
        return new OtlpReceiver(traces, server.getPort(), () -> stopGrpc(server));
    }

    /** OTLP/HTTP with protobuf bodies: {@code POST /v1/traces}, plain or gzip. */
    static OtlpReceiver startHttp() {
        ReceivedTraces traces = new ReceivedTraces();
        HttpServer server;
        try {
            server = HttpServer.create(freeLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start OTLP/HTTP receiver", e);
        }
        server.createContext(HttpTraceHandler.PATH, new HttpTraceHandler(traces));
        server.start();
        return new OtlpReceiver(traces, server.getAddress().getPort(), () -> server.stop(0));
    }

    private static InetSocketAddress freeLoopbackAddress() {
        return new InetSocketAddress(HOST, 0);
    }

    private static void stopGrpc(Server server) {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
      * Base URL, as {@code otel.exporter.otlp.endpoint} expects for either protocol. A
      * programmatically built http/protobuf exporter needs {@code endpoint() + "/v1/traces"} instead.
      */
    String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    int port() {
        return port;
    }

    /** Snapshot of all spans received so far, in arrival order. */
    List<ReceivedSpan> spans() {
        return traces.spans();
    }

    /**
      * Blocks until {@code condition} holds for the spans received so far and returns them.
      *
      * @throws AssertionError on timeout, listing every span received
      */
    List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, Duration timeout) {
        return traces.await(condition, timeout);
    }

    int requestCount() {
        return traces.requestCount();
    }

    @Override
    public void close() {
        stopServer.run();
    }
}
