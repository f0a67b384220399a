package org.example.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.example.node.command.CommandExecutor;
import org.example.node.concurrent.GracefulShutdown;
import org.example.node.concurrent.NamedThreadFactory;
import org.example.node.network.PeerClient;
import org.example.node.network.PeerMessages;
import org.example.node.network.PeerService;
import org.example.node.operation.OperationRepository;

/**
 * The node's HTTP API on 127.0.0.1: {@code POST /commands}, {@code GET /operations/<id>}, {@code GET /health},
 * {@code GET /status}, and the peer protocol other nodes call, {@code POST /peer/handshake} and
 * {@code POST /peer/collections}. JSON field names are snake_case.
 */
public class HttpApi implements AutoCloseable {
    public static final String BIND_ADDRESS = "127.0.0.1";
    private static final int HANDLER_THREADS = 4;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService handlers;

    private HttpApi(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * Binds the port (0 picks a free one) and starts serving.
     *
     * @throws IOException if the port cannot be bound
     */
    public static HttpApi start(int port, CommandExecutor commands, OperationRepository operations, PeerService peers,
                                Supplier<NodeStatus> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(BIND_ADDRESS, port), 0);
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        server.createContext("/commands", new JsonRoute(json, "POST", "/commands",
                new CommandEndpoint(json, commands)));
        server.createContext("/operations/", new JsonRoute(json, "GET", "/operations/",
                new OperationEndpoint(operations)));
        server.createContext(PeerClient.HANDSHAKE_PATH, new JsonRoute(json, "POST", PeerClient.HANDSHAKE_PATH,
                new PeerEndpoint<>(json, PeerMessages.Handshake.class, peers::answerHandshake)));
        server.createContext(PeerClient.COLLECTIONS_PATH, new JsonRoute(json, "POST", PeerClient.COLLECTIONS_PATH,
                new PeerEndpoint<>(json, PeerMessages.CollectionsRequest.class, peers::serveCollections)));
        server.createContext("/health", new JsonRoute(json, "GET", "/health",
                (subPath, body) -> JsonResponse.ok(Map.of("status", "ok"))));
        server.createContext("/status", new JsonRoute(json, "GET", "/status",
                (subPath, body) -> JsonResponse.ok(status.get())));
        // handlers wait for command results, so the server's default single thread would serialise clients
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, new NamedThreadFactory("http-handler"));
        server.setExecutor(handlers);
        server.start();
        return new HttpApi(server, handlers);
    }

    /** The bound port, useful when started with port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops serving at once: connections still open are closed. A grace delay would not help on JDK 17,
     * whose {@code HttpServer.stop(n)} waits the full n seconds even when no request is in progress.
     */
    @Override
    public void close() {
        server.stop(0);
        GracefulShutdown.shutdown(handlers, SHUTDOWN_GRACE);
    }
}
