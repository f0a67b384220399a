package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.MetricPoints.Counter;
import io.nodescope.instrumentation.site.MetricPoints.Histogram;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SubjectHandle;
import io.nodescope.instrumentation.sql.StatementBinding;
import io.opentelemetry.api.trace.SpanContext;

/**
 * A call counted and timed by its subject and outcome (commands, operations, requests to other
 * nodes), or only timed (queries), or only traced (runtime events).
 */
public final class CallKind extends Kind {

    private final MetricDefinition total;
    private final MetricDefinition duration;
    /** Whether a rule may name the SQL each call runs ({@code values.sql}), which then gives the subject. */
    private final boolean runsSql;

    private CallKind(String name, String subject, String spanPrefix, SpanSide side, MetricDefinition total, MetricDefinition duration,
            boolean runsSql) {
        super(name, subject, spanPrefix, side, metricsOf(total, duration));
        this.total = total;
        this.duration = duration;
        this.runsSql = runsSql;
        if (runsSql) {
            reads(StatementBinding.SQL, false);
        }
    }

    private static MetricDefinition[] metricsOf(MetricDefinition total, MetricDefinition duration) {
        return total == null ? duration == null ? new MetricDefinition[0] : new MetricDefinition[] {duration}
                : new MetricDefinition[] {total, duration};
    }

    /** Counts calls in {@code total} and times them in {@code duration}. */
    public static CallKind counted(String name, String subject, String spanPrefix, SpanSide side, MetricDefinition total,
            MetricDefinition duration) {
        return new CallKind(name, subject, spanPrefix, side, total, duration, false);
    }

    /** Times calls in {@code duration}. */
    public static CallKind timed(String name, String subject, String spanPrefix, SpanSide side, MetricDefinition duration) {
        return new CallKind(name, subject, spanPrefix, side, null, duration, false);
    }

    /**
     * Times calls that run SQL in {@code duration}: where a rule names the statement
     * ({@code values.sql}), its summary is the subject and its text is on the span.
     */
    public static CallKind timedSql(String name, String subject, String spanPrefix, SpanSide side, MetricDefinition duration) {
        return new CallKind(name, subject, spanPrefix, side, null, duration, true);
    }

    /** Opens a span and records no metric. */
    public static CallKind traced(String name, String subject, String spanPrefix) {
        return new CallKind(name, subject, spanPrefix, SpanSide.INSIDE, null, null, false);
    }

    /** A kind that only opens spans (no metric) has nothing to do before the signals are up. */
    @Override
    public boolean actsBeforeSignals() {
        return duration != null;
    }

    /** A call is recorded from its outcome and duration alone, so it can be recorded after its method returned. */
    @Override
    public boolean mayEndLater() {
        return true;
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(runsSql ? StatementBinding.of(site, subject().orElseThrow()) : site).bound();
    }

    private final class Handle extends SubjectHandle<Points> {
        private final MetricPoints metrics;

        Handle(SiteBinding site) {
            super(CallKind.this, site);
            this.metrics = site.metrics();
        }

        @Override
        protected Points newSeries(String subject) {
            return new Points(CallKind.this, subject, metrics, total, duration);
        }

        @Override
        protected void record(Points series, boolean ok, long nanos, Object self, Object[] arguments, Object returned,
                SpanContext trace) {
            series.recordCall(ok, nanos, trace);
        }

        @Override
        protected boolean recordingReads(boolean arguments) {
            return false;
        }
    }

    /** A subject's call counter and call timer, one series each for ok and error; kinds without one record nothing there. */
    static class Points extends SubjectHandle.Series {

        private static final double NANOS_PER_SECOND = 1e9;

        private final Counter okCount;
        private final Counter errorCount;
        private final Histogram okTime;
        private final Histogram errorTime;

        /** {@code total} and {@code duration} are null where the kind has no such metric. */
        Points(Kind kind, String subject, MetricPoints metrics, MetricDefinition total, MetricDefinition duration) {
            super(kind, subject);
            this.okCount = total == null ? Counter.NONE : metrics.counter(total, labels(total, kind, "ok", null));
            this.errorCount = total == null ? Counter.NONE : metrics.counter(total, labels(total, kind, "error", null));
            this.okTime = duration == null ? Histogram.NONE : metrics.histogram(duration, labels(duration, kind, "ok", null));
            this.errorTime = duration == null ? Histogram.NONE : metrics.histogram(duration, labels(duration, kind, "error", null));
        }

        /** Counts the call and observes its duration in seconds, with the sampled span, if any, as the bucket's exemplar. */
        final void recordCall(boolean ok, long nanos, SpanContext trace) {
            (ok ? okCount : errorCount).increment();
            Histogram time = ok ? okTime : errorTime;
            if (trace == null) {
                time.observe(nanos / NANOS_PER_SECOND);
            } else {
                time.observe(nanos / NANOS_PER_SECOND, trace.getTraceId(), trace.getSpanId());
            }
        }
    }
}
