package io.nodescope.agent.config;

/** {@code [telemetry.metrics]}. */
public final class MetricsConfig {

    private final boolean enabled;
    private final BindAddress bindAddress;

    MetricsConfig(boolean enabled, BindAddress bindAddress) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
    }

    public boolean enabled() {
        return enabled;
    }

    public BindAddress bindAddress() {
        return bindAddress;
    }
}
