package io.nodescope.instrumentation;

/** One thing a kind records into a catalog metric when an instrumented call returns or throws. */
public final class Recording {

    /** What happens to the metric at the end of a call. */
    public enum Action {
        /** Add one to a counter. */
        COUNT_CALL,
        /** Observe the call's duration in seconds in a histogram. */
        TIME_CALL,
        /** Set a gauge to the current Unix time in seconds, only when the call returned normally. */
        SET_NOW_ON_SUCCESS
    }

    private final MetricDefinition metric;
    private final Action action;

    private Recording(MetricDefinition metric, Action action) {
        this.metric = metric;
        this.action = action;
    }

    static Recording count(MetricDefinition counter) {
        return new Recording(counter, Action.COUNT_CALL);
    }

    static Recording time(MetricDefinition histogram) {
        return new Recording(histogram, Action.TIME_CALL);
    }

    static Recording setNowOnSuccess(MetricDefinition gauge) {
        return new Recording(gauge, Action.SET_NOW_ON_SUCCESS);
    }

    public MetricDefinition metric() {
        return metric;
    }

    public Action action() {
        return action;
    }
}
