package io.nodescope.agent.config;

import java.util.List;

/** The whole configuration: both signals and every enabled rule, from the file and its includes. */
public final class AgentConfig {

    private final TracesConfig traces;
    private final MetricsConfig metrics;
    private final List<Rule> rules;
    private final SpanAttributePolicy spanAttributes;

    AgentConfig(TracesConfig traces, MetricsConfig metrics, List<Rule> rules, SpanAttributePolicy spanAttributes) {
        this.traces = traces;
        this.metrics = metrics;
        this.rules = List.copyOf(rules);
        this.spanAttributes = spanAttributes;
    }

    public TracesConfig traces() {
        return traces;
    }

    public MetricsConfig metrics() {
        return metrics;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Span attributes to drop or send hashed. */
    public SpanAttributePolicy spanAttributes() {
        return spanAttributes;
    }

    /** With both signals off the agent installs nothing. */
    public boolean anySignalEnabled() {
        return traces.enabled() || metrics.enabled();
    }
}
