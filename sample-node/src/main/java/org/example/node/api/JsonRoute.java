package org.example.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;

/**
 * One path and method answering with JSON. The JDK server matches contexts by prefix and any method,
 * so the exact path and the method are checked here before the endpoint sees the request.
 */
final class JsonRoute implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(JsonRoute.class.getName());

    /** Answers one request whose path and method have been checked. */
    interface Endpoint {
        JsonResponse respond(InputStream body) throws IOException;
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
        if (!exchange.getRequestURI().getPath().equals(path)) {
            return JsonResponse.error(404, "no such path: " + exchange.getRequestURI().getPath());
        }
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            return JsonResponse.error(405, path + " accepts " + method + " only");
        }
        try {
            return endpoint.respond(exchange.getRequestBody());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, method + " " + path + " failed", e);
            return JsonResponse.error(500, "internal error: " + e);
        }
    }
}
