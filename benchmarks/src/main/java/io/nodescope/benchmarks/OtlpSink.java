package io.nodescope.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * An OTLP/HTTP receiver that accepts every span batch and keeps nothing: it reads each
 * {@code POST /v1/traces} whole and answers 200 with an empty export response. Run as a process of
 * its own, so that receiving costs the measured JVM nothing but the export itself.
 */
public final class OtlpSink {

    private OtlpSink() {
    }

    /** {@code args[0]}: the port on 127.0.0.1; prints {@code listening} once it accepts requests. */
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 64);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            int status = "POST".equals(exchange.getRequestMethod()) ? 200 : 405;
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("listening");
        System.out.flush();
    }
}
