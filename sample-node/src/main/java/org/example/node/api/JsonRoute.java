package org.example.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One path and method answering with JSON. The JDK server matches contexts by prefix and any method,
 * so the path and the method are checked here before the endpoint sees the request. A path ending in
 * {@code /} also matches the paths below it, and the endpoint is told the rest, e.g. an id.
 */
final class JsonRoute implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRoute.class);

    /** Answers one request whose path and method have been checked. */
    interface Endpoint {
        /** @param subPath what follows a path ending in {@code /}; empty for an exact path */
        JsonResponse respond(String subPath, InputStream body) throws IOException;
    }

    private final ObjectMapper json;
    private final String method;
    private final String path;
    private final Endpoint endpoint;

    JsonRoute(ObjectMapper json, String method, String path, Endpoint endpoint) {
        this.json = json;
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonResponse response = respond(exchange);
            byte[] body = json.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private JsonResponse respond(HttpExchange exchange) throws IOException {
        String requested = exchange.getRequestURI().getPath();
        boolean matches = path.endsWith("/")
                ? requested.startsWith(path) && requested.length() > path.length()
                : requested.equals(path);
        if (!matches) {
            return JsonResponse.error(404, "no such path: " + requested);
        }
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            return JsonResponse.error(405, path + " accepts " + method + " only");
        }
        try {
            return endpoint.respond(requested.substring(path.endsWith("/") ? path.length() : requested.length()),
                    exchange.getRequestBody());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return JsonResponse.error(500, "internal error: " + e);
        }
    }
}
