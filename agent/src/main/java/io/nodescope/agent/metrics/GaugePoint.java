package io.nodescope.agent.metrics;

/** One gauge series: the last value set wins. */
public final class GaugePoint {

    private volatile double value;

    public void set(double newValue) {
        value = newValue;
    }

    double value() {
        return value;
    }
}
