package io.nodescope.instrumentation;

import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule of one kind emits: the span it opens (named by a prefix and the rule's subject
 * value) and the metrics it records. Metric labels are the kind's subject and {@code status};
 * nothing else can become a label, which keeps cardinality bounded by construction.
 *
 * <p>A kind is described here, which is all the rules file needs, and binds itself to a method in
 * {@link #bind}, which only the running agent calls: a disabled agent reads rules without loading
 * anything a call needs.
 */
public abstract class Kind {

    /** The label and attribute that carries the call's outcome, {@code ok} or {@code error}. */
    public static final String STATUS = "status";
    /** The network metrics' name for the same outcome label. */
    public static final String OUTCOME = "outcome";

    private final String name;
    private final String subject;
    private final String spanPrefix;
    private final SpanSide spanSide;
    private final List<MetricDefinition> metrics;
    private final Set<String> valueKeys = new LinkedHashSet<>();
    private final Set<String> numericKeys = new LinkedHashSet<>();

    /**
     * {@code subject} and {@code spanPrefix} are null for a kind that records no per-subject series
     * and opens no span.
     */
    protected Kind(String name, String subject, String spanPrefix, SpanSide spanSide, MetricDefinition... metrics) {
        this.name = name;
        this.subject = subject;
        this.spanPrefix = spanPrefix;
        this.spanSide = spanSide;
        this.metrics = List.of(metrics);
        if (subject != null) {
            valueKeys.add(subject);
        }
    }

    /** Declares a rule value the kind reads besides its subject and span attributes; {@code numeric}: recorded as a number. */
    protected final String reads(String key, boolean numeric) {
        valueKeys.add(key);
        if (numeric) {
            numericKeys.add(key);
        }
        return key;
    }

    /**
     * Binds a rule of this kind to one method: everything its calls need, looked up now. Called when
     * the method's class is transformed, never per call.
     */
    public abstract CallHandle bind(SiteBinding site);

    /**
     * Whether the kind's rules, instead of recording the call, replace its first argument (a task
     * handed to another thread, a request sent to another node) by one carrying the trace.
     */
    public boolean changesFirstArgument() {
        return false;
    }

    /**
     * Whether the kind's rules, instead of recording the call, replace its return value (a log
     * record's context map) by one carrying the current trace.
     */
    public boolean changesReturnValue() {
        return false;
    }

    /** Whether the kind's rules, instead of recording the call, hand its first argument (a log record) to the agent unchanged. */
    public boolean sendsFirstArgument() {
        return false;
    }

    /** Whether the kind's rules have advice of their own, which takes or changes an argument or the return value, rather than a site. */
    public final boolean changesValues() {
        return changesFirstArgument() || changesReturnValue() || sendsFirstArgument();
    }

    /**
     * Whether a call of this kind does anything before the agent's signals are up: not when it only
     * opens a span, carries or continues a trace, or hands a log record to the exporter, as the
     * signals start with the rules, not before them. The node's classes that only such rules select
     * load without waiting for the agent's start and are rewritten right after it.
     */
    public boolean actsBeforeSignals() {
        return true;
    }

    /** Whether a call of this kind can end after its method returns, when its result is lazy ({@code lazy} in a rule). */
    public boolean mayEndLater() {
        return false;
    }

    /** Whether the kind makes a caller's trace current, which must happen before other rules on the method open spans. */
    public boolean continuesCallersTrace() {
        return false;
    }

    /** The name a rule gives in {@code kind = "..."}. */
    public final String name() {
        return name;
    }

    /**
     * The value key that names what was called ({@code command}, {@code task}); it completes the span
     * name and labels the metrics. Empty for kinds that record no per-subject series.
     */
    public final Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The span name before the subject ({@code command.}); empty for kinds that open no span. */
    public final Optional<String> spanPrefix() {
        return Optional.ofNullable(spanPrefix);
    }

    /** Where the kind's span sits in a call between processes, which decides its OpenTelemetry span kind. */
    public final SpanSide spanSide() {
        return spanSide;
    }

    /** The catalog metrics the kind records. */
    public final List<MetricDefinition> metrics() {
        return metrics;
    }

    /** The rule values this kind reads besides span attributes: its subject and what its metrics need. */
    public final Set<String> valueKeys() {
        return Collections.unmodifiableSet(valueKeys);
    }

    /** The values recorded as numbers, which must be able to give one. */
    public final Set<String> numericKeys() {
        return Collections.unmodifiableSet(numericKeys);
    }

    /** Whether a metric label carries the call's outcome rather than a value. */
    public static boolean isOutcomeLabel(String label) {
        return STATUS.equals(label) || OUTCOME.equals(label);
    }

    @Override
    public String toString() {
        return name;
    }
}
