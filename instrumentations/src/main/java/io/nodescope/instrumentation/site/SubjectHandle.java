package io.nodescope.instrumentation.site;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.SpanSide;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-call path of a kind that names what was called (a command, a task): the span, and the
 * series of data points for the call's subject, which the kind records into. A constant subject
 * (a literal, {@code $class} of a final class) has its series made here, once; other subjects' series are cached,
 * up to the series limit.
 *
 * @param <S> the kind's series: its data points for one subject
 */
public abstract class SubjectHandle<S extends SubjectHandle.Series> implements CallHandle {

    private static final String UNKNOWN_SUBJECT = "unknown";
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey(Kind.STATUS);
    /** Span names kept per rule and method when metrics are off and so set no series limit. */
    private static final int SPAN_NAMES_KEPT = 1000;

    private final ValueReader subject;
    private final AttributeKey<String> subjectKey;
    private final String pendingSpanName;
    private final Spans spans;
    private final boolean opensSpan;
    private final SpanKind spanKind;
    private final SpanKind spanKindUnderRemoteParent;
    private final SpanAttribute[] atEntry;
    private final SpanAttribute[] atExit;
    private final int seriesKept;
    private final LazyEnds lazy;
    private final Map<String, S> bySubject = new ConcurrentHashMap<>();
    /** The series of a constant subject; set once, before the handle is published. */
    private S fixed;
    /** The series of the last call; racy on purpose, as any series it holds is a right one for its subject. */
    private S last;

    protected SubjectHandle(Kind kind, SiteBinding site) {
        String key = kind.subject().orElseThrow(() -> new IllegalArgumentException(kind + " names no subject"));
        this.subject = site.value(key).orElse(ValueReader.ABSENT);
        this.subjectKey = AttributeKey.stringKey(key);
        this.pendingSpanName = kind.spanPrefix().orElse("") + UNKNOWN_SUBJECT;
        this.spans = site.spans();
        this.opensSpan = kind.spanPrefix().isPresent() && spans != Spans.OFF;
        this.spanKind = site.spanKind().orElse(spanKind(kind.spanSide(), false));
        this.spanKindUnderRemoteParent = site.spanKind().orElse(spanKind(kind.spanSide(), true));
        List<SpanAttribute> entry = new ArrayList<>();
        List<SpanAttribute> exit = new ArrayList<>();
        if (opensSpan) {
            for (SpanAttribute attribute : site.attributes()) {
                (attribute.atExit() ? exit : entry).add(attribute);
            }
        }
        this.atEntry = entry.toArray(new SpanAttribute[0]);
        this.atExit = exit.toArray(new SpanAttribute[0]);
        this.seriesKept = site.metrics().records() ? site.metrics().seriesLimit() : SPAN_NAMES_KEPT;
        this.lazy = site.lazyEnds();
    }

    /** OpenTelemetry's span kind for a side, {@code SERVER} where a call from another node enters. */
    private static SpanKind spanKind(SpanSide side, boolean remoteParent) {
        if (side == SpanSide.QUERY) {
            return SpanKind.CLIENT;
        }
        return remoteParent ? SpanKind.SERVER : side == SpanSide.PEER_CALL ? SpanKind.CLIENT : SpanKind.INTERNAL;
    }

    /** The kind's data points for one subject value; called when the handle is bound, and per new subject value. */
    protected abstract S newSeries(String subject);

    /** Records one call into the subject's series; {@code trace} is the call's span when sampled, else null. */
    protected abstract void record(S series, boolean ok, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace);

    /** Whether the kind's own recordings read the arguments or the return value. */
    protected abstract boolean recordingReads(boolean arguments);

    /**
     * The handle, ready for calls: called by the kind once the subclass has its fields, so that a
     * constant subject's series exists, at zero, before the first call.
     */
    public final CallHandle bound() {
        if (subject.isConstant()) {
            fixed = newSeries(orUnknown(subject.constant()));
        }
        return this;
    }

    @Override
    public boolean readsArguments() {
        return subject.readsArguments() || recordingReads(true) || readArguments(atEntry) || readArguments(atExit);
    }

    @Override
    public boolean readsReturn() {
        return subject.readsReturn() || recordingReads(false) || atExit.length > 0 || lazy.readsReturn();
    }

    private static boolean readArguments(SpanAttribute[] attributes) {
        for (SpanAttribute attribute : attributes) {
            if (attribute.readsArguments()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean worksOnEntry() {
        return opensSpan;
    }

    @Override
    public Object enter(Object self, Object[] arguments) {
        if (!opensSpan) {
            return null;
        }
        Tracer tracer = spans.tracer();
        if (tracer == null) {
            spans.notOpened();
            return null;
        }
        S series = subject.readsReturn() ? null : series(self, arguments, null);
        SpanKind kind = spanKind == spanKindUnderRemoteParent || !Span.current().getSpanContext().isRemote()
                ? spanKind : spanKindUnderRemoteParent;
        Span span = tracer.spanBuilder(series == null ? pendingSpanName : series.spanName).setSpanKind(kind).startSpan();
        if (span.isRecording()) {
            if (series != null) {
                span.setAttribute(subjectKey, series.subject);
            }
            setAll(atEntry, span, self, arguments, null);
        }
        return new CallSpan(span, span.makeCurrent(), series);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown) {
        long nanos = System.nanoTime() - startNanos;
        CallSpan call = (CallSpan) state;
        if (thrown == null && lazy.waitsFor(self, returned)) {
            endLater(startNanos, call, self, arguments, returned);
            return;
        }
        try {
            S series = call != null && call.series != null ? (S) call.series : series(self, arguments, returned);
            record(series, thrown == null, nanos, self, arguments, returned, call == null ? null : sampled(call.span));
        } finally {
            // Always leave the context as it was, or every later span on this thread gets a wrong parent.
            if (call != null) {
                endSpan(call, self, arguments, returned, thrown);
            }
        }
    }

    private static SpanContext sampled(Span span) {
        SpanContext context = span.getSpanContext();
        return context.isSampled() ? context : null;
    }

    private void endSpan(CallSpan call, Object self, Object[] arguments, Object returned, Throwable thrown) {
        Span span = call.span;
        try {
            if (span.isRecording()) {
                describe(call, self, arguments, returned);
                setOutcome(span, thrown);
            }
        } finally {
            call.scope.close();
            span.end();
        }
    }

    /** Names the span by a subject known only at exit, and sets the attributes read at exit. */
    private void describe(CallSpan call, Object self, Object[] arguments, Object returned) {
        if (call.series == null) {
            S series = series(self, arguments, returned);
            call.span.updateName(series.spanName);
            call.span.setAttribute(subjectKey, series.subject);
        }
        setAll(atExit, call.span, self, arguments, returned);
    }

    private void setOutcome(Span span, Throwable thrown) {
        span.setAttribute(STATUS, thrown == null ? "ok" : "error");
        if (thrown != null) {
            spans.recordException(span, thrown);
            span.setStatus(StatusCode.ERROR, thrown.getClass().getName());
        }
    }

    /**
     * A call whose method returned what {@code lazy} watches: its span stops being current now, on
     * this thread, and the call is recorded when what it waits for ends (see {@link LazyCalls}).
     */
    @SuppressWarnings("unchecked")
    private void endLater(long startNanos, CallSpan call, Object self, Object[] arguments, Object returned) {
        S series = null;
        try {
            series = call != null && call.series != null ? (S) call.series : series(self, arguments, returned);
            if (call != null && call.span.isRecording()) {
                describe(call, self, arguments, returned);
            }
        } finally {
            if (call != null) {
                call.scope.close();
                if (series == null) {
                    call.span.end();  // the failure is counted by the dispatch; no span is left open
                }
            }
        }
        PendingCall pending = new PendingCall(this, series, call == null ? null : call.span, startNanos);
        if (!LazyCalls.watch(lazy.result(returned), lazy.owner(self), pending)) {
            pending.end(null);  // too many waiting: timed to its return, as without lazy
        }
    }

    /**
     * Records a call that ended after its method returned, and ends its span; {@code sinceNanos} is
     * how long ago it ended (0, or since its abandoned result was last used).
     */
    @SuppressWarnings("unchecked")
    final void recordEnded(Series series, Span span, long nanos, Throwable thrown, long sinceNanos) {
        try {
            record((S) series, thrown == null, nanos, null, null, null, span == null ? null : sampled(span));
        } finally {
            if (span != null) {
                try {
                    if (span.isRecording()) {
                        setOutcome(span, thrown);
                    }
                } finally {
                    if (sinceNanos == 0) {
                        span.end();
                    } else {
                        span.end(Instant.now().minusNanos(sinceNanos));
                    }
                }
            }
        }
    }

    private static void setAll(SpanAttribute[] attributes, Span span, Object self, Object[] arguments, Object returned) {
        for (SpanAttribute attribute : attributes) {
            attribute.set(span, self, arguments, returned);
        }
    }

    private S series(Object self, Object[] arguments, Object returned) {
        if (fixed != null) {
            return fixed;
        }
        String value = orUnknown(subject.read(self, arguments, returned));
        S recent = last;
        // A subject read from a field is the same String object call after call: no map lookup then.
        if (recent != null && recent.subject == value) {
            return recent;
        }
        S series = bySubject.get(value);
        if (series == null) {
            series = newSeries(value);
            // Past the limit the series is not kept: its points are the registry's overflow series.
            if (bySubject.size() < seriesKept) {
                S raced = bySubject.putIfAbsent(value, series);
                series = raced == null ? series : raced;
            }
        }
        last = series;
        return series;
    }

    /** A subject value that is null or empty is labelled {@code unknown}. */
    protected static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN_SUBJECT : value;
    }

    /** What a kind records for one subject value; kinds add their data points. */
    public abstract static class Series {
        final String subject;
        final String spanName;

        protected Series(Kind kind, String subject) {
            this.subject = subject;
            this.spanName = kind.spanPrefix().map(prefix -> prefix + subject).orElse(null);
        }

        /** The metric's label values for this subject: the outcome label gets {@code outcome}, the subject's this subject, any other {@code other}. */
        protected final List<String> labels(MetricDefinition metric, Kind kind, String outcome, String other) {
            List<String> values = new ArrayList<>(metric.labelNames().size());
            for (String label : metric.labelNames()) {
                values.add(Kind.isOutcomeLabel(label) ? outcome : kind.subject().map(label::equals).orElse(false) ? subject : other);
            }
            return values;
        }
    }
}
