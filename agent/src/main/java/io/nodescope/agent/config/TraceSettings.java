package io.nodescope.agent.config;

import java.net.URI;

/** {@code [telemetry.traces]} as written in the file, before environment overrides. */
final class TraceSettings {

    final boolean enabled;
    /** The endpoint's base URL, or null for the protocol's default. */
    final URI base;
    final OtlpProtocol protocol;
    final String serviceName;
    final double sampleRatio;

    TraceSettings(boolean enabled, URI base, OtlpProtocol protocol, String serviceName, double sampleRatio) {
        this.enabled = enabled;
        this.base = base;
        this.protocol = protocol;
        this.serviceName = serviceName;
        this.sampleRatio = sampleRatio;
    }
}
