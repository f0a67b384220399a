package io.nodescope.instrumentation.site;

import io.nodescope.instrumentation.MetricDefinition;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The data points of the metric catalog, looked up by label values when a site is bound (never per
 * call for constant labels); {@link #NONE} when metrics are off.
 */
public interface MetricPoints {

    /** Metrics off: points that record nothing, and kinds read no value for them. */
    MetricPoints NONE = new MetricPoints() {
        @Override
        public Counter counter(MetricDefinition metric, List<String> labelValues) {
            return Counter.NONE;
        }

        @Override
        public Histogram histogram(MetricDefinition metric, List<String> labelValues) {
            return Histogram.NONE;
        }

        @Override
        public Gauge gauge(MetricDefinition metric, List<String> labelValues) {
            return Gauge.NONE;
        }

        @Override
        public int seriesLimit() {
            return 0;
        }

        @Override
        public boolean records() {
            return false;
        }
    };

    /** Label values in the order of the metric's label names; past its series limit, the overflow series. */
    Counter counter(MetricDefinition metric, List<String> labelValues);

    Histogram histogram(MetricDefinition metric, List<String> labelValues);

    Gauge gauge(MetricDefinition metric, List<String> labelValues);

    /** Most series one metric holds; caches of per-value points stop growing there too. */
    int seriesLimit();

    /** False when metrics are off: a kind then reads no value only a metric would use. */
    boolean records();

    /** One counter series. */
    interface Counter {
        Counter NONE = new Counter() {
            @Override
            public void increment() {
            }

            @Override
            public void add(long amount) {
            }
        };

        void increment();

        void add(long amount);
    }

    /** One histogram series. */
    interface Histogram {
        Histogram NONE = new Histogram() {
            @Override
            public void observe(double value) {
            }

            @Override
            public void observe(double value, String traceId, String spanId) {
            }
        };

        void observe(double value);

        /** Observes a value of a call made inside a sampled span, which becomes its bucket's exemplar. */
        void observe(double value, String traceId, String spanId);
    }

    /** One gauge series. */
    interface Gauge {
        Gauge NONE = new Gauge() {
            @Override
            public void set(double value) {
            }

            @Override
            public void follow(DoubleSupplier live) {
            }
        };

        void set(double value);

        /** From now on the gauge's value is read from {@code live} at every scrape. */
        void follow(DoubleSupplier live);
    }
}
