package io.nodescope.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** OTLP endpoint URLs with OpenTelemetry's rules: a base URL gets {@code /v1/traces} for http/protobuf. */
final class OtlpEndpoints {

    private static final String TRACES_PATH = "/v1/traces";
    private static final String METRICS_PATH = "/v1/metrics";
    private static final String LOGS_PATH = "/v1/logs";

    private OtlpEndpoints() {
    }

    /** Parses an http or https URL with a host, or explains what is wrong with it. */
    static URI parse(String text) throws IllegalArgumentException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("'" + text + "' must start with http:// or https://, for example http://127.0.0.1:4317");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not have a query or fragment");
        }
        return uri;
    }

    /** A section's {@code otlp_endpoint}; empty when absent or not a URL (reported). */
    static Optional<URI> read(TomlSection section) {
        Optional<String> text = section.string("otlp_endpoint");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text.get()));
        } catch (IllegalArgumentException e) {
            section.problem("otlp_endpoint", e.getMessage());
            return Optional.empty();
        }
    }

    static URI defaultBase(OtlpProtocol protocol) {
        return URI.create("http://127.0.0.1:" + protocol.defaultPort());
    }

    /** The URL spans are sent to for a base URL: gRPC uses the base itself. */
    static URI forTraces(URI base, OtlpProtocol protocol) {
        return forSignal(base, protocol, TRACES_PATH);
    }

    /** The URL metrics are sent to for a base URL. */
    static URI forMetrics(URI base, OtlpProtocol protocol) {
        return forSignal(base, protocol, METRICS_PATH);
    }

    /** The URL log records are sent to for a base URL. */
    static URI forLogs(URI base, OtlpProtocol protocol) {
        return forSignal(base, protocol, LOGS_PATH);
    }

    private static URI forSignal(URI base, OtlpProtocol protocol, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(protocol == OtlpProtocol.HTTP_PROTOBUF ? text + path : text);
    }
}
