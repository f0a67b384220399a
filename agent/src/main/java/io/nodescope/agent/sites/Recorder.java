package io.nodescope.agent.sites;

import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.GaugePoint;
import io.nodescope.agent.metrics.HistogramPoint;
import io.nodescope.agent.metrics.MetricFamily;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.Recording;
import io.opentelemetry.api.trace.SpanContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One recording of a kind for one subject value, its data points looked up once where the labels allow. */
abstract class Recorder {

    private static final double NANOS_PER_SECOND = 1e9;

    /** {@code trace} is the call's span when it was sampled, else null. */
    abstract void record(boolean ok, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace);

    /**
     * {@code values} are the rule's values bound to the method, by key. Null when the recording
     * needs a value the rule does not give.
     */
    static Recorder of(Recording recording, Kind kind, String subject, MetricRegistry registry, Map<String, CompiledValue> values) {
        MetricDefinition metric = recording.metric();
        Labels labels = new Labels(metric, kind, subject);
        CompiledValue value = recording.valueKey().map(values::get).orElse(null);
        if (recording.valueKey().isPresent() && value == null) {
            return null;
        }
        switch (recording.action()) {
            case COUNT_CALL:
                return new Count(registry.counter(metric).series(labels.with("ok", null)),
                        registry.counter(metric).series(labels.with("error", null)));
            case TIME_CALL:
                return new Time(registry.histogram(metric).series(labels.with("ok", null)),
                        registry.histogram(metric).series(labels.with("error", null)));
            case SET_NOW_ON_SUCCESS:
                return new NowOnSuccess(registry.gauge(metric).series(labels.with("ok", null)));
            case SET_VALUE:
                return new SetValue(registry.gauge(metric).series(labels.with("ok", null)), value);
            case FOLLOW_VALUE:
                return new FollowValue(registry.gauge(metric).series(labels.with("ok", null)), value);
            case ADD_VALUE_ON_SUCCESS:
                CompiledValue label = recording.labelKey().map(values::get).orElse(null);
                return new AddValue(registry.counter(metric), labels, registry.seriesLimit(), value, label, recording.labelWhenAbsent());
            default:
                throw new IllegalArgumentException("no recorder for " + recording.action());
        }
    }

    /** A metric's label values for one subject: the outcome label gets the outcome, the subject's the subject, any other a value. */
    private static final class Labels {
        private final MetricDefinition metric;
        private final String subjectKey;
        private final String subject;

        Labels(MetricDefinition metric, Kind kind, String subject) {
            this.metric = metric;
            this.subjectKey = kind.subject().orElse(null);
            this.subject = subject;
        }

        List<String> with(String outcome, String other) {
            List<String> values = new ArrayList<>(metric.labelNames().size());
            for (String label : metric.labelNames()) {
                values.add(Kind.isOutcomeLabel(label) ? outcome : label.equals(subjectKey) ? subject : other);
            }
            return values;
        }
    }

    private static final class Count extends Recorder {
        private final CounterPoint ok;
        private final CounterPoint error;

        Count(CounterPoint ok, CounterPoint error) {
            this.ok = ok;
            this.error = error;
        }

        @Override
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
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
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            HistogramPoint point = succeeded ? ok : error;
            if (trace == null) {
                point.observe(nanos / NANOS_PER_SECOND);
            } else {
                point.observe(nanos / NANOS_PER_SECOND, trace.getTraceId(), trace.getSpanId());
            }
        }
    }

    private static final class NowOnSuccess extends Recorder {
        private final GaugePoint gauge;

        NowOnSuccess(GaugePoint gauge) {
            this.gauge = gauge;
        }

        @Override
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            if (succeeded) {
                gauge.set(System.currentTimeMillis() / 1000.0);
            }
        }
    }

    /** A gauge set to a number read from the call (a queue's depth, the next delay), whatever the outcome. */
    private static final class SetValue extends Recorder {
        private final GaugePoint gauge;
        private final CompiledValue value;

        SetValue(GaugePoint gauge, CompiledValue value) {
            this.gauge = gauge;
            this.value = value;
        }

        @Override
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            double number = value.readNumber(self, arguments, returned);
            if (!Double.isNaN(number)) {
                gauge.set(number);
            }
        }
    }

    /**
     * A counter raised by a count read from a call that returned (knowledge collections processed),
     * labelled by a second value read from the call (the result); one series per label value, up
     * to the series limit.
     */
    private static final class AddValue extends Recorder {
        private final MetricFamily<CounterPoint> family;
        private final Labels labels;
        private final int limit;
        private final CompiledValue amount;
        private final CompiledValue label;
        private final Map<String, CounterPoint> byLabel = new ConcurrentHashMap<>();
        /** The label when it does not depend on the call; its series is made on first use. */
        private final String constantLabel;
        /** Recent result keys and their points; racy on purpose, as every pair in it is right. */
        private final ResultPoint[] recent = new ResultPoint[RECENT_RESULTS];
        private int next;

        AddValue(MetricFamily<CounterPoint> family, Labels labels, int limit, CompiledValue amount, CompiledValue label,
                String labelWhenAbsent) {
            this.family = family;
            this.labels = labels;
            this.limit = limit;
            this.amount = amount;
            this.label = label;
            this.constantLabel = label == null ? labelWhenAbsent : label.isConstant() ? RuleBinding.orUnknown(label.constant()) : null;
        }

        @Override
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            if (!succeeded) {
                return;
            }
            Object counted = amount.readObject(self, arguments, returned);
            if (counted instanceof Map) {
                // result -> count: each entry under its own result label
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) counted).entrySet()) {
                    add(CompiledValue.number(entry.getValue()), pointForKey(entry.getKey()));
                }
            } else {
                add(CompiledValue.number(counted), pointFor(constantLabel != null ? constantLabel
                        : RuleBinding.orUnknown(label.read(self, arguments, returned))));
            }
        }

        private static void add(double number, CounterPoint point) {
            if (number >= 1) {
                point.add((long) number);
            }
        }

        /**
         * The point of a result map's key. Result names are constants, so the same few String or enum
         * objects come back call after call; those are looked up by identity first, in a few slots.
         */
        private CounterPoint pointForKey(Object key) {
            for (ResultPoint seen : recent) {
                if (seen != null && seen.key == key) {
                    return seen.point;
                }
            }
            CounterPoint point = pointFor(key instanceof Enum ? ((Enum<?>) key).name() : String.valueOf(key));
            if (key instanceof String || key instanceof Enum) {
                recent[next++ & (RECENT_RESULTS - 1)] = new ResultPoint(key, point);
            }
            return point;
        }

        private CounterPoint pointFor(String value) {
            CounterPoint point = byLabel.get(value);
            if (point == null) {
                point = family.series(labels.with(null, value));
                if (byLabel.size() < limit) {
                    byLabel.putIfAbsent(value, point);
                }
            }
            return point;
        }
    }

    private static final int RECENT_RESULTS = 4;

    /** A result key and its point, published together. */
    private static final class ResultPoint {
        final Object key;
        final CounterPoint point;

        ResultPoint(Object key, CounterPoint point) {
            this.key = key;
            this.point = point;
        }
    }

    /** A gauge read at every scrape from the object the last call's value starts at, held weakly (a live queue's depth). */
    private static final class FollowValue extends Recorder {
        private final CompiledValue value;
        private volatile WeakReference<Object> start = new WeakReference<>(null);

        FollowValue(GaugePoint gauge, CompiledValue value) {
            this.value = value;
            gauge.follow(this::read);
        }

        @Override
        void record(boolean succeeded, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            Object current = value.start(self, arguments, returned);
            if (current != null && current != start.get()) {
                start = new WeakReference<>(current);
            }
        }

        private double read() {
            Object current = start.get();
            return current == null && !value.isConstant() ? Double.NaN : value.readNumberFrom(current);
        }
    }
}
