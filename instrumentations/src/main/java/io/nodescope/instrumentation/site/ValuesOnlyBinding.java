package io.nodescope.instrumentation.site;

import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rule's values on a method, with no span and no span attributes: to run a kind's path without a rule file. */
public final class ValuesOnlyBinding implements SiteBinding {

    private final MetricPoints metrics;
    private final Map<String, ValueReader> values;

    public ValuesOnlyBinding(MetricPoints metrics, Map<String, ValueReader> values) {
        this.metrics = metrics;
        this.values = Map.copyOf(values);
    }

    @Override
    public Optional<ValueReader> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public List<SpanAttribute> attributes() {
        return List.of();
    }

    @Override
    public Optional<SpanAttribute> attribute(String key, ValueReader value) {
        return Optional.empty();
    }

    @Override
    public MetricPoints metrics() {
        return metrics;
    }

    @Override
    public Spans spans() {
        return Spans.OFF;
    }

    @Override
    public Optional<SpanKind> spanKind() {
        return Optional.empty();
    }
}
