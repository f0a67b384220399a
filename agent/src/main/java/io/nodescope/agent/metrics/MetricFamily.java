package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.MetricDefinition;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * All series of one metric, at most {@code limit} of them: past the limit every new label set
 * shares one overflow series whose label values are {@value #OVERFLOW}, and each such recording
 * is counted, so memory stays bounded whatever values a rule extracts.
 */
public final class MetricFamily<P> {

    public static final String OVERFLOW = "__overflow__";

    private final MetricDefinition definition;
    /** Makes a point; given the overflow counter, the overflow point that counts each recording. */
    private final Function<CounterPoint, P> newPoint;
    private final int limit;
    private final CounterPoint overflowed;
    private final Map<List<String>, P> series = new ConcurrentHashMap<>();
    private final List<String> overflowLabels;
    private volatile P overflow;

    /** {@code overflowed} is null for a family whose overflow is not counted. */
    MetricFamily(MetricDefinition definition, Function<CounterPoint, P> newPoint, int limit, CounterPoint overflowed) {
        this.definition = definition;
        this.newPoint = newPoint;
        this.limit = limit;
        this.overflowed = overflowed;
        this.overflowLabels = Collections.nCopies(definition.labelNames().size(), OVERFLOW);
    }

    public MetricDefinition definition() {
        return definition;
    }

    /** The series for these label values, in the order of the definition's label names. */
    public P series(String... labelValues) {
        return series(List.of(labelValues));
    }

    public P series(List<String> labelValues) {
        if (labelValues.size() != definition.labelNames().size()) {
            throw new IllegalArgumentException(definition + " takes labels " + definition.labelNames() + ", given " + labelValues);
        }
        P point = series.get(labelValues);
        if (point != null) {
            return point;
        }
        if (series.size() >= limit) {
            return overflowPoint();
        }
        return series.computeIfAbsent(List.copyOf(labelValues), values -> newPoint.apply(null));
    }

    private P overflowPoint() {
        P point = overflow;
        if (point == null) {
            synchronized (this) {
                point = overflow;
                if (point == null) {
                    point = newPoint.apply(overflowed);
                    overflow = point;
                }
            }
        }
        return point;
    }

    /** Every series with its label values, the overflow series last when it has been used. */
    void forEachSeries(SeriesVisitor<P> visitor) {
        series.forEach(visitor::visit);
        P point = overflow;
        if (point != null) {
            visitor.visit(overflowLabels, point);
        }
    }

    /** Receives one series at scrape time. */
    interface SeriesVisitor<P> {
        void visit(List<String> labelValues, P point);
    }
}
