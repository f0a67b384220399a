package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.MetricDefinition;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the registry's live values into Prometheus client snapshots at scrape time. */
final class RegistryCollector implements MultiCollector {

    private static final String TOTAL = "_total";

    private final MetricRegistry registry;

    RegistryCollector(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (MetricFamily<?> family : registry.families()) {
            snapshots.add(snapshot(family));
        }
        return new MetricSnapshots(snapshots);
    }

    @SuppressWarnings("unchecked")
    private static MetricSnapshot snapshot(MetricFamily<?> family) {
        MetricDefinition definition = family.definition();
        switch (definition.type()) {
            case COUNTER:
                return counter((MetricFamily<CounterPoint>) family);
            case GAUGE:
                return gauge((MetricFamily<GaugePoint>) family);
            default:
                return histogram((MetricFamily<HistogramPoint>) family);
        }
    }

    private static CounterSnapshot counter(MetricFamily<CounterPoint> family) {
        List<CounterDataPointSnapshot> points = new ArrayList<>();
        family.forEachSeries((values, point) ->
                points.add(new CounterDataPointSnapshot(point.value(), labels(family, values), null, 0L)));
        String name = family.definition().name();
        // The client appends _total itself when it writes a counter.
        return new CounterSnapshot(metadata(family, name.substring(0, name.length() - TOTAL.length())), points);
    }

    private static GaugeSnapshot gauge(MetricFamily<GaugePoint> family) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        family.forEachSeries((values, point) -> points.add(new GaugeDataPointSnapshot(point.value(), labels(family, values), null)));
        return new GaugeSnapshot(metadata(family, family.definition().name()), points);
    }

    private static HistogramSnapshot histogram(MetricFamily<HistogramPoint> family) {
        List<HistogramDataPointSnapshot> points = new ArrayList<>();
        family.forEachSeries((values, point) -> {
            double[] bounds = Arrays.copyOf(point.upperBounds(), point.upperBounds().length + 1);
            bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
            HistogramPoint.Snapshot read = point.snapshot();
            ClassicHistogramBuckets buckets = ClassicHistogramBuckets.of(bounds, read.bucketCounts);
            points.add(new HistogramDataPointSnapshot(buckets, read.sum, labels(family, values), exemplars(read), 0L));
        });
        return new HistogramSnapshot(metadata(family, family.definition().name()), points);
    }

    /** One exemplar per bucket that has one; the OpenMetrics writer puts each on its bucket's line. */
    private static Exemplars exemplars(HistogramPoint.Snapshot read) {
        List<Exemplar> exemplars = new ArrayList<>();
        for (HistogramExemplar exemplar : read.exemplars) {
            if (exemplar != null) {
                exemplars.add(Exemplar.builder().value(exemplar.value).traceId(exemplar.traceId).spanId(exemplar.spanId)
                        .timestampMillis(exemplar.epochMillis).build());
            }
        }
        return exemplars.isEmpty() ? Exemplars.EMPTY : Exemplars.of(exemplars);
    }

    private static MetricMetadata metadata(MetricFamily<?> family, String name) {
        return new MetricMetadata(name, family.definition().help());
    }

    private static Labels labels(MetricFamily<?> family, List<String> values) {
        return Labels.of(family.definition().labelNames(), values);
    }
}
