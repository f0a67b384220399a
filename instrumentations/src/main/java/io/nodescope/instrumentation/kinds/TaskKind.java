package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.MetricPoints.Gauge;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SubjectHandle;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.api.trace.SpanContext;

/** A periodic task's run: counted and timed like a call, and the delay until its next run, read from the call, kept in a gauge. */
public final class TaskKind extends Kind {

    private final String nextDelayKey = reads("next_delay", true);

    public TaskKind() {
        super("task", "task", "task.", SpanSide.INSIDE, Catalog.TASK_RUNS_TOTAL, Catalog.TASK_DURATION, Catalog.TASK_NEXT_DELAY);
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(site).bound();
    }

    private final class Points extends CallKind.Points {
        private final Gauge nextDelay;

        Points(String subject, MetricPoints metrics, boolean delayGiven) {
            super(TaskKind.this, subject, metrics, Catalog.TASK_RUNS_TOTAL, Catalog.TASK_DURATION);
            this.nextDelay = delayGiven ? metrics.gauge(Catalog.TASK_NEXT_DELAY, labels(Catalog.TASK_NEXT_DELAY, TaskKind.this, null, null))
                    : Gauge.NONE;
        }
    }

    private final class Handle extends SubjectHandle<Points> {
        private final MetricPoints metrics;
        /** {@link ValueReader#ABSENT} when the rule gives no delay or metrics are off. */
        private final ValueReader delay;

        Handle(SiteBinding site) {
            super(TaskKind.this, site);
            this.metrics = site.metrics();
            this.delay = metrics.records() ? site.value(nextDelayKey).orElse(ValueReader.ABSENT) : ValueReader.ABSENT;
        }

        @Override
        protected Points newSeries(String subject) {
            return new Points(subject, metrics, delay != ValueReader.ABSENT);
        }

        @Override
        protected void record(Points series, boolean ok, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            series.recordCall(ok, nanos, trace);
            double seconds = delay.readNumber(self, arguments, returned);
            if (!Double.isNaN(seconds)) {
                series.nextDelay.set(seconds);
            }
        }

        @Override
        protected boolean recordingReads(boolean arguments) {
            return arguments ? delay.readsArguments() : delay.readsReturn();
        }
    }
}
