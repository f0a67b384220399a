package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.RuleValue;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.site.LazyEnds;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SpanAttribute;
import io.nodescope.instrumentation.site.Spans;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rule on one method, as its kind binds it: the rule's values compiled for the method (a value
 * the method can never give is left out, as if the rule did not give it), its span attributes under
 * the operator's policy, and the signals' points and spans.
 */
final class MethodBinding implements SiteBinding {

    /** Values found unreadable on a method and already reported, by rule, method and key; bounded like the agent's other logs. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private static final int MAX_REPORTED = 1000;

    private final Map<String, ValueReader> values = new LinkedHashMap<>();
    private final List<SpanAttribute> attributes = new ArrayList<>();
    private final MetricPoints metrics;
    private final Spans spans;
    private final Optional<SpanKind> spanKind;
    private final LazyEnds lazyEnds;
    private final SpanAttributePolicy policy;

    MethodBinding(Rule rule, MethodShape method, MetricPoints metrics, Spans spans, CounterPoint errors, SpanAttributePolicy policy) {
        this.metrics = metrics;
        this.spans = spans;
        this.spanKind = rule.spanKind().map(kind -> SpanKind.valueOf(kind.name()));
        this.lazyEnds = LazyEnds.of(rule.lazy().resultType().isPresent(), rule.lazy().closingThis());
        this.policy = policy;
        String subject = rule.kind().subject().orElse(null);
        String context = "rule '" + rule.name() + "' on " + method;
        for (Map.Entry<String, RuleValue> value : rule.values().entrySet()) {
            String key = value.getKey();
            List<CompiledValue> alternatives = new ArrayList<>();
            for (ValueExpression alternative : readable(rule, method, key)) {
                alternatives.add(CompiledValue.compile(alternative, method, errors, context + " value " + key));
            }
            if (alternatives.isEmpty()) {
                continue;
            }
            ValueReader compiled = ComposedValue.of(alternatives, value.getValue().textCase());
            values.put(key, compiled);
            if (Kinds.ATTRIBUTE_KEYS.contains(key) && !key.equals(subject) && !policy.drops(key)) {
                attributes.add(new SpanAttribute(key, compiled, policy.hashes(key)));
            }
        }
    }

    /**
     * The alternatives of the rule's value for {@code key} that can be read on this method; when
     * none can ({@code $arg3} of a method with one parameter, {@code $return} of a void method), says
     * so once per rule, method and value.
     */
    private static List<ValueExpression> readable(Rule rule, MethodShape method, String key) {
        RuleValue value = rule.values().get(key);
        List<ValueExpression> readable = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (ValueExpression alternative : value.alternatives()) {
            method.unreadable(alternative).ifPresentOrElse(why::add, () -> readable.add(alternative));
        }
        String once = rule.name() + " " + method + " " + key;
        if (readable.isEmpty() && REPORTED.size() < MAX_REPORTED && REPORTED.add(once)) {
            AgentLog.warn("rule '" + rule.name() + "' (" + rule.location() + ") values." + key + " = \"" + value.text() + "\" "
                    + String.join("; ", why) + "; the value is left out there");
        }
        return readable;
    }

    @Override
    public Optional<ValueReader> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public List<SpanAttribute> attributes() {
        return Collections.unmodifiableList(attributes);
    }

    @Override
    public Optional<SpanAttribute> attribute(String key, ValueReader value) {
        return policy.drops(key) ? Optional.empty() : Optional.of(new SpanAttribute(key, value, policy.hashes(key)));
    }

    @Override
    public MetricPoints metrics() {
        return metrics;
    }

    @Override
    public Spans spans() {
        return spans;
    }

    @Override
    public Optional<SpanKind> spanKind() {
        return spanKind;
    }

    @Override
    public LazyEnds lazyEnds() {
        return lazyEnds;
    }
}
