package io.nodescope.agent.metrics;

import io.nodescope.agent.config.BasicAuth;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the metrics listener answers: {@code /metrics} through the Prometheus client's scrape
 * handler, {@code /health/live} and {@code /health/ready}, {@code /-/healthy}, and a page at
 * {@code /} that points to {@code /metrics}; every path behind basic auth when it is configured.
 */
final class MetricsRoutes implements HttpConnection.Handler {

    static final String REALM = "nodescope metrics";

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    /** Whoever answers at all is live: the JVM runs and the agent's listener serves; no node signal counts. */
    private static final byte[] LIVE = "{\"status\":\"live\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEALTHY = "Exporter is healthy.\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEX = ("<html>\n<head><title>Nodescope agent</title></head>\n<body>\n<h1>Nodescope agent</h1>\n"
            + "<p>Metrics are at <a href=\"/metrics\">/metrics</a>.</p>\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];

    private final PrometheusScrapeHandler scrape;
    /** Null when no basic auth is configured. */
    private final BasicAuth credentials;
    private final Supplier<? extends ReadinessReport> readiness;

    MetricsRoutes(PrometheusScrapeHandler scrape, BasicAuth credentials, Supplier<? extends ReadinessReport> readiness) {
        this.scrape = scrape;
        this.credentials = credentials;
        this.readiness = readiness;
    }

    @Override
    public boolean serve(HttpRequestHead request, OutputStream out) throws IOException {
        boolean keepAlive;
        try {
            // A body is never read: the connection ends after the response instead.
            keepAlive = request.keepAlive() && !request.hasBody();
        } catch (HttpProblem problem) {
            send(request, out, problem.status, TEXT, (problem.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false, null);
            return false;
        }
        if (credentials != null && !authorized(request.header("Authorization"))) {
            send(request, out, 401, null, EMPTY, keepAlive,
                    new HttpResponseHead().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\""));
            return keepAlive;
        }
        if (!request.method.equals("GET") && !request.method.equals("HEAD")) {
            send(request, out, 405, TEXT, "Only GET and HEAD are served.\n".getBytes(StandardCharsets.UTF_8), keepAlive,
                    new HttpResponseHead().set("Allow", "GET, HEAD"));
            return keepAlive;
        }
        switch (request.path) {
            case "/metrics":
                ScrapeExchange exchange = new ScrapeExchange(request, out, keepAlive);
                scrape.handleRequest(exchange);
                return exchange.keepAlive();
            case "/health/live":
                send(request, out, 200, JSON, LIVE, keepAlive, null);
                return keepAlive;
            case "/health/ready":
                ReadinessReport report = readiness.get();
                send(request, out, report.ready() ? 200 : 503, JSON, report.json(), keepAlive, null);
                return keepAlive;
            case "/-/healthy":
                send(request, out, 200, TEXT, HEALTHY, keepAlive, null);
                return keepAlive;
            case "/":
                send(request, out, 200, "text/html; charset=utf-8", INDEX, keepAlive, null);
                return keepAlive;
            default:
                send(request, out, 404, TEXT, "Not found: metrics are at /metrics.\n".getBytes(StandardCharsets.UTF_8), keepAlive, null);
                return keepAlive;
        }
    }

    private static void send(HttpRequestHead request, OutputStream out, int status, String contentType, byte[] body, boolean keepAlive,
            HttpResponseHead extra) throws IOException {
        HttpResponseHead.send(out, status, contentType, body, request.method.equals("HEAD"), request.http11, keepAlive, extra);
    }

    /** Whether {@code authorization} carries the configured user and password ({@code Basic}, UTF-8, as RFC 7617 says). */
    boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && credentials.accepts(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
