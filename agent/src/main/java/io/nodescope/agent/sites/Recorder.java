package io.nodescope.agent.sites;

import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.GaugePoint;
import io.nodescope.agent.metrics.HistogramPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.Recording;
import java.util.ArrayList;
import java.util.List;

/** One recording of a kind for one subject value, its data points looked up once, for both outcomes. */
abstract class Recorder {

    private static final double NANOS_PER_SECOND = 1e9;

    abstract void record(boolean ok, long nanos);

    static Recorder of(Recording recording, String subject, MetricRegistry registry) {
        MetricDefinition metric = recording.metric();
        List<String> ok = labelValues(metric, subject, "ok");
        List<String> error = labelValues(metric, subject, "error");
        switch (recording.action()) {
            case COUNT_CALL:
                return new Count(registry.counter(metric).series(ok), registry.counter(metric).series(error));
            case TIME_CALL:
                return new Time(registry.histogram(metric).series(ok), registry.histogram(metric).series(error));
            case SET_NOW_ON_SUCCESS:
                return new NowOnSuccess(registry.gauge(metric).series(ok));
            default:
                throw new IllegalArgumentException("no recorder for " + recording.action());
        }
    }

    /** Label values in the metric's order: the status label gets the outcome, any other the subject. */
    private static List<String> labelValues(MetricDefinition metric, String subject, String status) {
        List<String> values = new ArrayList<>(metric.labelNames().size());
        for (String label : metric.labelNames()) {
            values.add(label.equals(Kind.STATUS) ? status : subject);
        }
        return values;
    }

    private static final class Count extends Recorder {
        private final CounterPoint ok;
        private final CounterPoint error;

        Count(CounterPoint ok, CounterPoint error) {
            this.ok = ok;
            this.error = error;
        }

        @Override
        void record(boolean succeeded, long nanos) {
            (succeeded ? ok : error).increment();
        }
    }

    private static final class Time extends Recorder {
        private final HistogramPoint ok;
        private final HistogramPoint error;

        Time(HistogramPoint ok, HistogramPoint error) {
            this.ok = ok;
            this.error = error;
        }

        @Override
        void record(boolean succeeded, long nanos) {
            (succeeded ? ok : error).observe(nanos / NANOS_PER_SECOND);
        }
    }

    private static final class NowOnSuccess extends Recorder {
        private final GaugePoint gauge;

        NowOnSuccess(GaugePoint gauge) {
            this.gauge = gauge;
        }

        @Override
        void record(boolean succeeded, long nanos) {
            if (succeeded) {
                gauge.set(System.currentTimeMillis() / 1000.0);
            }
        }
    }
}
