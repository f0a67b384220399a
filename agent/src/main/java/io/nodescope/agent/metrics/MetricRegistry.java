package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import io.nodescope.instrumentation.site.MetricPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The agent's own registry: the fixed catalog and the self-metrics, each family created once at
 * start. Recording never takes a lock; exposition reads the live values at scrape time.
 */
public final class MetricRegistry implements MetricPoints {

    private final Map<MetricDefinition, MetricFamily<?>> families = new LinkedHashMap<>();
    private final int seriesLimit;
    private final SelfMetrics self;

    public MetricRegistry(String version, int seriesLimit, Map<String, double[]> bucketOverrides) {
        this.seriesLimit = seriesLimit;
        MetricFamily<CounterPoint> overflow = new MetricFamily<>(SelfMetrics.SERIES_OVERFLOW, CounterPoint::new, seriesLimit, null);
        List<MetricDefinition> definitions = new ArrayList<>(Catalog.all());
        definitions.addAll(SelfMetrics.ALL);
        for (MetricDefinition definition : definitions) {
            if (definition == SelfMetrics.SERIES_OVERFLOW) {
                families.put(definition, overflow);
                continue;
            }
            CounterPoint overflowed = overflow.series(definition.name());
            families.put(definition, newFamily(definition, seriesLimit, overflowed,
                    bucketOverrides.getOrDefault(definition.name(), definition.defaultBuckets())));
        }
        self = new SelfMetrics(this, version);
    }

    private static MetricFamily<?> newFamily(MetricDefinition definition, int limit, CounterPoint overflowed, double[] buckets) {
        switch (definition.type()) {
            case COUNTER:
                return new MetricFamily<>(definition, CounterPoint::new, limit, overflowed);
            case GAUGE:
                return new MetricFamily<>(definition, GaugePoint::new, limit, overflowed);
            case HISTOGRAM:
                return new MetricFamily<>(definition, counted -> new HistogramPoint(buckets, counted), limit, overflowed);
            default:
                throw new IllegalArgumentException("no family for " + definition.type());
        }
    }

    @SuppressWarnings("unchecked")
    public MetricFamily<CounterPoint> counter(MetricDefinition definition) {
        return (MetricFamily<CounterPoint>) family(definition, MetricType.COUNTER);
    }

    @SuppressWarnings("unchecked")
    public MetricFamily<GaugePoint> gauge(MetricDefinition definition) {
        return (MetricFamily<GaugePoint>) family(definition, MetricType.GAUGE);
    }

    @SuppressWarnings("unchecked")
    public MetricFamily<HistogramPoint> histogram(MetricDefinition definition) {
        return (MetricFamily<HistogramPoint>) family(definition, MetricType.HISTOGRAM);
    }

    private MetricFamily<?> family(MetricDefinition definition, MetricType type) {
        MetricFamily<?> family = families.get(definition);
        if (family == null || definition.type() != type) {
            throw new IllegalArgumentException(definition + " is not a registered " + type.name().toLowerCase());
        }
        return family;
    }

    @Override
    public CounterPoint counter(MetricDefinition metric, List<String> labelValues) {
        return counter(metric).series(labelValues);
    }

    @Override
    public HistogramPoint histogram(MetricDefinition metric, List<String> labelValues) {
        return histogram(metric).series(labelValues);
    }

    @Override
    public GaugePoint gauge(MetricDefinition metric, List<String> labelValues) {
        return gauge(metric).series(labelValues);
    }

    @Override
    public boolean records() {
        return true;
    }

    /** Most series one metric holds before new label values go to its overflow series. */
    @Override
    public int seriesLimit() {
        return seriesLimit;
    }

    /**
     * Calls a counter or histogram has recorded in the series whose label values (in the
     * definition's order) {@code selected} accepts: read for readiness checks, never per call.
     */
    public long calls(MetricDefinition metric, Predicate<List<String>> selected) {
        long[] calls = {0};
        if (metric.type() == MetricType.HISTOGRAM) {
            histogram(metric).forEachSeries((values, point) -> calls[0] += selected.test(values) ? point.count() : 0);
        } else {
            counter(metric).forEachSeries((values, point) -> calls[0] += selected.test(values) ? point.value() : 0);
        }
        return calls[0];
    }

    /** The highest value among a gauge's series that {@code selected} accepts; NaN when there is none. */
    public double highest(MetricDefinition gauge, Predicate<List<String>> selected) {
        double[] highest = {Double.NaN};
        gauge(gauge).forEachSeries((values, point) -> {
            if (selected.test(values) && (Double.isNaN(highest[0]) || point.value() > highest[0])) {
                highest[0] = point.value();
            }
        });
        return highest[0];
    }

    public SelfMetrics self() {
        return self;
    }

    Collection<MetricFamily<?>> families() {
        return families.values();
    }
}
