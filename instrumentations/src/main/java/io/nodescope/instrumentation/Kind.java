package io.nodescope.instrumentation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What a rule of one kind emits: the span it opens (named by a prefix and the rule's subject
 * value) and the metrics it records. Metric labels are the kind's subject and {@code status};
 * nothing else can become a label, which keeps cardinality bounded by construction.
 */
public final class Kind {

    /** The label and attribute that carries the call's outcome, {@code ok} or {@code error}. */
    public static final String STATUS = "status";
    /** The network metrics' name for the same outcome label. */
    public static final String OUTCOME = "outcome";

    private final String name;
    private final String subject;
    private final String spanPrefix;
    private final SpanSide spanSide;
    private final List<Recording> recordings;
    /** A value the kind reads for itself, not for a metric: where a request's headers are. */
    private final String ownValue;

    Kind(String name, String subject, String spanPrefix, Recording... recordings) {
        this(name, subject, spanPrefix, SpanSide.INSIDE, null, recordings);
    }

    Kind(String name, String subject, String spanPrefix, SpanSide spanSide, Recording... recordings) {
        this(name, subject, spanPrefix, spanSide, null, recordings);
    }

    private Kind(String name, String subject, String spanPrefix, SpanSide spanSide, String ownValue, Recording... recordings) {
        this.name = name;
        this.subject = subject;
        this.spanPrefix = spanPrefix;
        this.spanSide = spanSide;
        this.ownValue = ownValue;
        this.recordings = List.of(recordings);
    }

    /** A kind that opens no span and records nothing, reading one value of its own. */
    static Kind reading(String name, String ownValue) {
        return new Kind(name, null, null, SpanSide.INSIDE, ownValue);
    }

    /** The name a rule gives in {@code kind = "..."}. */
    public String name() {
        return name;
    }

    /**
     * The value key that names what was called ({@code command}, {@code task}); it completes the span
     * name and labels the metrics. Empty for kinds that record no per-subject series.
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The span name before the subject ({@code command.}); empty for kinds that open no span. */
    public Optional<String> spanPrefix() {
        return Optional.ofNullable(spanPrefix);
    }

    /** Where the kind's span sits in a call between processes, which decides its OpenTelemetry span kind. */
    public SpanSide spanSide() {
        return spanSide;
    }

    public List<Recording> recordings() {
        return recordings;
    }

    /** The rule values this kind reads besides span attributes: its subject and what its recordings need. */
    public Set<String> valueKeys() {
        Set<String> keys = new LinkedHashSet<>();
        subject().ifPresent(keys::add);
        if (ownValue != null) {
            keys.add(ownValue);
        }
        for (Recording recording : recordings) {
            recording.valueKey().ifPresent(keys::add);
            recording.labelKey().ifPresent(keys::add);
        }
        return keys;
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
