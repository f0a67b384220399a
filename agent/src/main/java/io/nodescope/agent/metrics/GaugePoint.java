package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.site.MetricPoints;
import java.util.function.DoubleSupplier;

/** One gauge series: the last value set wins. */
public final class GaugePoint implements MetricPoints.Gauge {

    private volatile double value;
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    GaugePoint(CounterPoint overflowed) {
        this.overflowed = overflowed;
    }

    private volatile DoubleSupplier source;

    @Override
    public void set(double newValue) {
        value = newValue;
        Overflow.count(overflowed);
    }

    /** From now on the gauge's value is read from {@code live} at every scrape. */
    @Override
    public void follow(DoubleSupplier live) {
        source = live;
    }

    public double value() {
        DoubleSupplier live = source;
        return live == null ? value : live.getAsDouble();
    }
}
