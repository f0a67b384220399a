package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.SpanSide;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rule bound to one method. When the subject is constant (a constant, {@code $class},
 * {@code $method}) its series is resolved here, once; otherwise each subject value's series is
 * cached, up to the registry's series limit.
 */
final class RuleBinding {

    private static final String UNKNOWN_SUBJECT = "unknown";
    /** Span names kept per rule and method when metrics are off and so set no series limit. */
    private static final int SPAN_NAMES_KEPT = 1000;
    /** Values found unreadable on a method and already reported, by rule, method and key; bounded like the agent's other logs. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
    private static final int MAX_REPORTED = 1000;

    private final Rule rule;
    private final MetricRegistry registry;
    private final String subjectKey;
    private final String pendingSpanName;
    private final CompiledValue subject;
    private final SubjectSeries fixed;
    private final Map<String, SubjectSeries> bySubject = new ConcurrentHashMap<>();
    /** The series of the last call; racy on purpose, as any series it holds is a right one for its subject. */
    private SubjectSeries last;
    private final String[] attributeKeys;
    private final CompiledValue[] attributeValues;
    /** Per attribute, whether it is sent as its hash. */
    private final boolean[] attributeHashed;
    /** Values only metrics read (a count, a queue depth), by key. */
    private final Map<String, CompiledValue> recorded = new HashMap<>();
    /** Where an incoming request's headers are, for rules that continue a caller's trace; else null. */
    private CompiledValue carrier;

    /** {@code registry} is null when metrics are off. */
    RuleBinding(Rule rule, MethodShape method, MetricRegistry registry, CounterPoint errors, SpanAttributePolicy attributes) {
        this.rule = rule;
        this.registry = registry;
        Kind kind = rule.kind();
        this.subjectKey = kind.subject().orElse(null);
        this.pendingSpanName = kind.spanPrefix().orElse("") + UNKNOWN_SUBJECT;
        String context = "rule '" + rule.name() + "' on " + method;
        this.subject = subjectKey == null ? null : readable(rule, method, subjectKey)
                ? CompiledValue.compile(rule.values().get(subjectKey), method, errors, context + " value " + subjectKey)
                : CompiledValue.absent(rule.values().get(subjectKey));
        List<String> keys = new ArrayList<>();
        List<CompiledValue> values = new ArrayList<>();
        for (Map.Entry<String, ValueExpression> value : rule.values().entrySet()) {
            if (value.getKey().equals(subjectKey) || !readable(rule, method, value.getKey())) {
                continue;  // a value that can never be read here is left out, as if the rule did not give it
            }
            CompiledValue compiled = CompiledValue.compile(value.getValue(), method, errors, context + " value " + value.getKey());
            if (Kinds.ATTRIBUTE_KEYS.contains(value.getKey())) {
                if (!attributes.drops(value.getKey())) {
                    keys.add(value.getKey());
                    values.add(compiled);
                }
            } else if (value.getKey().equals(Kinds.CARRIER)) {
                carrier = compiled;
            } else {
                recorded.put(value.getKey(), compiled);
            }
        }
        this.attributeKeys = keys.toArray(new String[0]);
        this.attributeValues = values.toArray(new CompiledValue[0]);
        this.attributeHashed = new boolean[attributeKeys.length];
        for (int i = 0; i < attributeKeys.length; i++) {
            attributeHashed[i] = attributes.hashes(attributeKeys[i]);
        }
        this.fixed = subject == null ? new SubjectSeries(kind, null, registry, recorded)
                : subject.isConstant() ? new SubjectSeries(kind, orUnknown(subject.constant()), registry, recorded) : null;
    }

    /**
     * Whether the rule's value for {@code key} can be read on this method; when not ({@code $arg3} of
     * a method with one parameter, {@code $return} of a void method), says so once per rule, method
     * and value.
     */
    private static boolean readable(Rule rule, MethodShape method, String key) {
        ValueExpression value = rule.values().get(key);
        Optional<String> why = method.unreadable(value);
        if (why.isEmpty()) {
            return true;
        }
        String once = rule.name() + " " + method + " " + key;
        if (REPORTED.size() < MAX_REPORTED && REPORTED.add(once)) {
            AgentLog.warn("rule '" + rule.name() + "' (" + rule.location() + ") values." + key + " = \"" + value.text() + "\" "
                    + why.get() + "; the value is left out there");
        }
        return false;
    }

    boolean continuesTrace() {
        return carrier != null;
    }

    /** The incoming request's headers, or null. */
    Object carrier(Object self, Object[] arguments) {
        return carrier.readObject(self, arguments, null);
    }

    SpanSide spanSide() {
        return rule.kind().spanSide();
    }

    boolean opensSpan() {
        return rule.kind().spanPrefix().isPresent();
    }

    boolean subjectReadsReturn() {
        return subject != null && subject.readsReturn();
    }

    /** Whether the call's arguments must be captured; attributes count only when spans are made. */
    boolean readsArguments(boolean withAttributes) {
        return subject != null && subject.readsArguments() || withAttributes && any(attributeValues, true)
                || registry != null && any(recorded.values().toArray(new CompiledValue[0]), true)
                || carrier != null && carrier.readsArguments();
    }

    boolean readsReturn(boolean withAttributes) {
        return subjectReadsReturn() || withAttributes && any(attributeValues, false)
                || registry != null && any(recorded.values().toArray(new CompiledValue[0]), false);
    }

    private static boolean any(CompiledValue[] values, boolean arguments) {
        for (CompiledValue value : values) {
            if (arguments ? value.readsArguments() : value.readsReturn()) {
                return true;
            }
        }
        return false;
    }

    SubjectSeries series(Object self, Object[] arguments, Object returned) {
        if (fixed != null) {
            return fixed;
        }
        String value = orUnknown(subject.read(self, arguments, returned));
        SubjectSeries recent = last;
        // A subject read from a field is the same String object call after call: no map lookup then.
        if (recent != null && recent.subject() == value) {
            return recent;
        }
        SubjectSeries series = bySubject.get(value);
        if (series == null) {
            series = new SubjectSeries(rule.kind(), value, registry, recorded);
            // Past the limit the series is not kept: its points are the registry's overflow series.
            if (bySubject.size() < (registry == null ? SPAN_NAMES_KEPT : registry.seriesLimit())) {
                SubjectSeries raced = bySubject.putIfAbsent(value, series);
                series = raced == null ? series : raced;
            }
        }
        last = series;
        return series;
    }

    /** The span's name until a subject read from the return value is known. */
    String pendingSpanName() {
        return pendingSpanName;
    }

    /** Sets the subject attribute ({@code command=publish}) of the series' subject. */
    void setSubject(Span span, SubjectSeries series) {
        if (subjectKey != null) {
            span.setAttribute(subjectKey, series.subject());
        }
    }

    /** Sets the attributes readable at entry ({@code atExit} false) or only at exit (those reading the return value). */
    void setAttributes(Span span, Object self, Object[] arguments, Object returned, boolean atExit) {
        for (int i = 0; i < attributeValues.length; i++) {
            if (attributeValues[i].readsReturn() == atExit) {
                String value = attributeValues[i].read(self, arguments, returned);
                if (value != null) {
                    span.setAttribute(attributeKeys[i], attributeHashed[i] ? AttributeHash.of(value) : value);
                }
            }
        }
    }

    static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN_SUBJECT : value;
    }
}
