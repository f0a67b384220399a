package io.nodescope.agent.config;

import java.util.List;

/** The whole configuration: both signals, the readiness checks and every enabled rule, from the file and its includes. */
public final class AgentConfig {

    private final TracesConfig traces;
    private final MetricsConfig metrics;
    private final LogsConfig logs;
    private final List<Rule> rules;
    private final SpanAttributePolicy spanAttributes;
    private final List<ReadinessCheck> readiness;

    AgentConfig(TracesConfig traces, MetricsConfig metrics, LogsConfig logs, List<Rule> rules, SpanAttributePolicy spanAttributes,
            List<ReadinessCheck> readiness) {
        this.traces = traces;
        this.metrics = metrics;
        this.logs = logs;
        this.rules = List.copyOf(rules);
        this.spanAttributes = spanAttributes;
        this.readiness = List.copyOf(readiness);
    }

    public TracesConfig traces() {
        return traces;
    }

    public MetricsConfig metrics() {
        return metrics;
    }

    public LogsConfig logs() {
        return logs;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Span attributes to drop or send hashed. */
    public SpanAttributePolicy spanAttributes() {
        return spanAttributes;
    }

    /** The checks {@code /health/ready} requires, from {@code [[telemetry.health.ready]]}; none means always ready. */
    public List<ReadinessCheck> readiness() {
        return readiness;
    }

    /** With every signal off the agent installs nothing. */
    public boolean anySignalEnabled() {
        return traces.enabled() || metrics.enabled() || logs.enabled();
    }
}
