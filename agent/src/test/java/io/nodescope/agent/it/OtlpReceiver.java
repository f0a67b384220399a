package io.nodescope.agent.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.nodescope.agent.config.TestCertificates;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
  * A real OTLP trace and metrics receiver on a free loopback port, for tests that need to see what an exporter
  * actually put on the wire. Start it with {@link #startGrpc()} or {@link #startHttp()}, point the
  * exporter at {@link #endpoint()}, then assert with {@link #awaitSpans}.
  */
final class OtlpReceiver implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final ReceivedTraces traces;
    private final ReceivedRequests<ExportMetricsServiceRequest> metrics = new ReceivedRequests<>();
    private final ReceivedRequests<ExportLogsServiceRequest> logs = new ReceivedRequests<>();
    private final Runnable stopServer;
    private int port;
    private String scheme = "http";

    private OtlpReceiver(ReceivedTraces traces, Runnable stopServer) {
        this.traces = traces;
        this.stopServer = stopServer;
    }

    /** OTLP/gRPC: the trace, metrics and logs services' {@code Export}; gzip-compressed messages are accepted. */
    static OtlpReceiver startGrpc() {
        return startGrpc(null);
    }

    /** OTLP/gRPC over TLS with {@code certificates}, or in plain text when null. */
    static OtlpReceiver startGrpc(TestCertificates certificates) {
        ReceivedTraces traces = new ReceivedTraces();
        Server[] server = new Server[1];
        OtlpReceiver receiver = new OtlpReceiver(traces, () -> stopGrpc(server[0]));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(freeLoopbackAddress())
                .addService(new GrpcTraceService(traces))
                .addService(new GrpcMetricsService(receiver.metrics))
                .addService(new GrpcLogsService(receiver.logs));
        if (certificates != null) {
            builder.useTransportSecurity(certificates.certFile().toFile(), certificates.keyFile().toFile());
            receiver.scheme = "https";
        }
        server[0] = builder.build();
        try {
            server[0].start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start OTLP/gRPC receiver", e);
        }
        return receiver.on(server[0].getPort());
    }

    /** OTLP/HTTP with protobuf bodies: {@code POST /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, plain or gzip. */
    static OtlpReceiver startHttp() {
        return startHttp(null);
    }

    /** OTLP/HTTP over TLS with {@code certificates}, or in plain text when null. */
    static OtlpReceiver startHttp(TestCertificates certificates) {
        ReceivedTraces traces = new ReceivedTraces();
        HttpServer server;
        try {
            if (certificates == null) {
                server = HttpServer.create(freeLoopbackAddress(), 0);
            } else {
                HttpsServer secure = HttpsServer.create(freeLoopbackAddress(), 0);
                secure.setHttpsConfigurator(new HttpsConfigurator(certificates.server()));
                server = secure;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot start OTLP/HTTP receiver", e);
        }
        OtlpReceiver receiver = new OtlpReceiver(traces, () -> server.stop(0));
        receiver.scheme = certificates == null ? "http" : "https";
        server.createContext(HttpExportHandler.TRACES, new HttpExportHandler(HttpExportHandler.TRACES,
                body -> traces.record(ExportTraceServiceRequest.parseFrom(body))));
        server.createContext(HttpExportHandler.METRICS, new HttpExportHandler(HttpExportHandler.METRICS,
                body -> receiver.metrics.record(ExportMetricsServiceRequest.parseFrom(body))));
        server.createContext(HttpExportHandler.LOGS, new HttpExportHandler(HttpExportHandler.LOGS,
                body -> receiver.logs.record(ExportLogsServiceRequest.parseFrom(body))));
        server.start();
        return receiver.on(server.getAddress().getPort());
    }

    /** This receiver, once it listens on {@code port}. */
    private OtlpReceiver on(int port) {
        this.port = port;
        return this;
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
        return scheme + "://" + HOST + ":" + port;
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

    /** The metrics export requests received so far, once {@code condition} holds for them. */
    List<ExportMetricsServiceRequest> awaitMetrics(Predicate<List<ExportMetricsServiceRequest>> condition, Duration timeout) {
        return metrics.await(condition, timeout);
    }

    /** The logs export requests received so far, once {@code condition} holds for them. */
    List<ExportLogsServiceRequest> awaitLogs(Predicate<List<ExportLogsServiceRequest>> condition, Duration timeout) {
        return logs.await(condition, timeout);
    }

    int requestCount() {
        return traces.requestCount();
    }

    @Override
    public void close() {
        stopServer.run();
    }
}
