package io.nodescope.agent.metrics;

/** One gauge series: the last value set wins. */
public final class GaugePoint {

    private volatile double value;
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    GaugePoint(CounterPoint overflowed) {
        this.overflowed = overflowed;
    }

    public void set(double newValue) {
        value = newValue;
        Overflow.count(overflowed);
    }

    double value() {
        return value;
    }
}
