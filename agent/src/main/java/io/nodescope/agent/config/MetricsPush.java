package io.nodescope.agent.config;

import java.net.URI;
import java.time.Duration;

/** Where and how often the metrics are pushed over OTLP, when {@code exporters} names {@code otlp}. */
public final class MetricsPush {

    static final int DEFAULT_INTERVAL_SECONDS = 60;
    static final int MAX_INTERVAL_SECONDS = 3600;

    private final URI endpoint;
    private final OtlpProtocol protocol;
    private final Duration interval;

    MetricsPush(URI endpoint, OtlpProtocol protocol, Duration interval) {
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.interval = interval;
    }

    /** The full URL metrics are sent to (for http/protobuf it ends in {@code /v1/metrics}). */
    public URI endpoint() {
        return endpoint;
    }

    public OtlpProtocol protocol() {
        return protocol;
    }

    public Duration interval() {
        return interval;
    }
}
