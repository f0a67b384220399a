package io.nodescope.agent.config;

import java.net.URI;
import java.util.Map;

/** {@code [telemetry.traces]} after environment overrides. */
public final class TracesConfig {

    private final boolean enabled;
    private final URI endpoint;
    private final OtlpProtocol protocol;
    private final String serviceName;
    private final double sampleRatio;
    private final boolean keepErrors;
    private final Map<String, String> resourceAttributes;

    TracesConfig(boolean enabled, URI endpoint, OtlpProtocol protocol, String serviceName, double sampleRatio, boolean keepErrors,
            Map<String, String> resourceAttributes) {
        this.enabled = enabled;
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.serviceName = serviceName;
        this.sampleRatio = sampleRatio;
        this.keepErrors = keepErrors;
        this.resourceAttributes = Map.copyOf(resourceAttributes);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The full URL spans are exported to (for http/protobuf it ends in {@code /v1/traces}). */
    public URI endpoint() {
        return endpoint;
    }

    public OtlpProtocol protocol() {
        return protocol;
    }

    public String serviceName() {
        return serviceName;
    }

    public double sampleRatio() {
        return sampleRatio;
    }

    /** {@code sampler = "keep_errors"}: every trace with an error span recorded here is kept, {@link #sampleRatio} of the others. */
    public boolean keepErrors() {
        return keepErrors;
    }

    /** Extra resource attributes: {@code resource_attributes}, then {@code OTEL_RESOURCE_ATTRIBUTES} over them. */
    public Map<String, String> resourceAttributes() {
        return resourceAttributes;
    }
}
