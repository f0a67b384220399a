package io.nodescope.instrumentation;

import java.util.Optional;

/**
 * One thing a kind records into a catalog metric when an instrumented call returns or throws.
 * Recordings that need a number from the call name the rule value that gives it; a rule without
 * that value leaves the recording out.
 */
public final class Recording {

    /** What happens to the metric at the end of a call. */
    public enum Action {
        /** Add one to a counter. */
        COUNT_CALL,
        /** Observe the call's duration in seconds in a histogram. */
        TIME_CALL,
        /** Set a gauge to the current Unix time in seconds, only when the call returned normally. */
        SET_NOW_ON_SUCCESS,
        /**
         * Add the value's number to a counter, only when the call returned normally; a map of
         * label value to number adds each entry under its own label.
         */
        ADD_VALUE_ON_SUCCESS,
        /** Set a gauge to the value's number, whatever the outcome. */
        SET_VALUE,
        /**
         * Read the value again at every scrape, from the object the last call's value starts at
         * (its {@code $this}, argument or return value), held weakly: a live gauge.
         */
        FOLLOW_VALUE
    }

    private final MetricDefinition metric;
    private final Action action;
    private final String valueKey;
    private final String labelKey;
    private final String labelWhenAbsent;

    private Recording(MetricDefinition metric, Action action, String valueKey, String labelKey, String labelWhenAbsent) {
        this.metric = metric;
        this.action = action;
        this.valueKey = valueKey;
        this.labelKey = labelKey;
        this.labelWhenAbsent = labelWhenAbsent;
    }

    static Recording count(MetricDefinition counter) {
        return new Recording(counter, Action.COUNT_CALL, null, null, null);
    }

    static Recording time(MetricDefinition histogram) {
        return new Recording(histogram, Action.TIME_CALL, null, null, null);
    }

    static Recording setNowOnSuccess(MetricDefinition gauge) {
        return new Recording(gauge, Action.SET_NOW_ON_SUCCESS, null, null, null);
    }

    /**
     * Adds the number of rule value {@code valueKey}, labelled by the text of rule value
     * {@code labelKey}, or by {@code labelWhenAbsent} when the rule does not give that value.
     */
    static Recording addValueOnSuccess(MetricDefinition counter, String valueKey, String labelKey, String labelWhenAbsent) {
        return new Recording(counter, Action.ADD_VALUE_ON_SUCCESS, valueKey, labelKey, labelWhenAbsent);
    }

    static Recording setValue(MetricDefinition gauge, String valueKey) {
        return new Recording(gauge, Action.SET_VALUE, valueKey, null, null);
    }

    static Recording followValue(MetricDefinition gauge, String valueKey) {
        return new Recording(gauge, Action.FOLLOW_VALUE, valueKey, null, null);
    }

    public MetricDefinition metric() {
        return metric;
    }

    public Action action() {
        return action;
    }

    /** The rule value whose number is recorded; empty for recordings of the call itself. */
    public Optional<String> valueKey() {
        return Optional.ofNullable(valueKey);
    }

    /** The rule value that gives the metric's one label besides the subject, read per call. */
    public Optional<String> labelKey() {
        return Optional.ofNullable(labelKey);
    }

    /** The label's value when the rule gives no {@link #labelKey()} value. */
    public String labelWhenAbsent() {
        return labelWhenAbsent;
    }
}
