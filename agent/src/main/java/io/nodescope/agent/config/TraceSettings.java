package io.nodescope.agent.config;

import java.net.URI;
import java.util.Map;

/** {@code [telemetry.traces]} as written in the file, before environment overrides. */
final class TraceSettings {

    final boolean enabled;
    /** The endpoint's base URL, or null for the protocol's default. */
    final URI base;
    final OtlpProtocol protocol;
    final String serviceName;
    final double sampleRatio;
    final boolean keepErrors;
    final Map<String, String> resourceAttributes;

    TraceSettings(boolean enabled, URI base, OtlpProtocol protocol, String serviceName, double sampleRatio, boolean keepErrors,
            Map<String, String> resourceAttributes) {
        this.enabled = enabled;
        this.base = base;
        this.protocol = protocol;
        this.serviceName = serviceName;
        this.sampleRatio = sampleRatio;
        this.keepErrors = keepErrors;
        this.resourceAttributes = resourceAttributes;
    }
}
