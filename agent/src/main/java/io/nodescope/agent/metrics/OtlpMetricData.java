package io.nodescope.agent.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scrape of {@code /metrics} shows, as OTLP metric data: the same names (a counter keeps its
 * {@code _total}), labels as attributes, the same buckets, sums and counts, cumulative from the
 * agent's start. A backend that turns OTLP into Prometheus series gets the series a scrape gives.
 */
final class OtlpMetricData {

    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final long startEpochNanos;

    OtlpMetricData(Resource resource, String version, long startEpochNanos) {
        this.resource = resource;
        this.scope = InstrumentationScopeInfo.builder("io.nodescope.agent").setVersion(version).build();
        this.startEpochNanos = startEpochNanos;
    }

    List<MetricData> of(MetricSnapshots snapshots, long epochNanos) {
        List<MetricData> data = new ArrayList<>();
        for (MetricSnapshot snapshot : snapshots) {
            MetricData converted = of(snapshot, epochNanos);
            if (converted != null) {
                data.add(converted);
            }
        }
        return data;
    }

    private MetricData of(MetricSnapshot snapshot, long now) {
        MetricMetadata metadata = snapshot.getMetadata();
        String name = metadata.getPrometheusName();
        String help = metadata.getHelp() == null ? "" : metadata.getHelp();
        String unit = unit(metadata);
        if (snapshot instanceof CounterSnapshot) {
            List<DoublePointData> points = new ArrayList<>();
            for (CounterSnapshot.CounterDataPointSnapshot point : ((CounterSnapshot) snapshot).getDataPoints()) {
                points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes(point.getLabels()), point.getValue()));
            }
            return ImmutableMetricData.createDoubleSum(resource, scope, name + "_total", help, unit,
                    ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points));
        }
        if (snapshot instanceof HistogramSnapshot) {
            List<HistogramPointData> points = new ArrayList<>();
            for (HistogramSnapshot.HistogramDataPointSnapshot point : ((HistogramSnapshot) snapshot).getDataPoints()) {
                if (point.hasClassicHistogramData()) {
                    points.add(histogramPoint(point, now));
                }
            }
            return ImmutableMetricData.createDoubleHistogram(resource, scope, name, help, unit,
                    ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points));
        }
        if (snapshot instanceof SummarySnapshot) {
            List<SummaryPointData> points = new ArrayList<>();
            for (SummarySnapshot.SummaryDataPointSnapshot point : ((SummarySnapshot) snapshot).getDataPoints()) {
                List<ValueAtQuantile> quantiles = new ArrayList<>();
                for (Quantile quantile : point.getQuantiles()) {
                    quantiles.add(ImmutableValueAtQuantile.create(quantile.getQuantile(), quantile.getValue()));
                }
                points.add(ImmutableSummaryPointData.create(startEpochNanos, now, attributes(point.getLabels()), point.getCount(),
                        point.hasSum() ? point.getSum() : 0, quantiles));
            }
            return ImmutableMetricData.createDoubleSummary(resource, scope, name, help, unit, ImmutableSummaryData.create(points));
        }
        return gauge(snapshot, name, help, unit, now);
    }

    /** Gauges, and what a scrape shows as gauges: info metrics (1, named {@code _info}), state sets (1 or 0 per state), unknowns. */
    private MetricData gauge(MetricSnapshot snapshot, String name, String help, String unit, long now) {
        List<DoublePointData> points = new ArrayList<>();
        String exposed = name;
        if (snapshot instanceof GaugeSnapshot) {
            for (GaugeSnapshot.GaugeDataPointSnapshot point : ((GaugeSnapshot) snapshot).getDataPoints()) {
                points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes(point.getLabels()), point.getValue()));
            }
        } else if (snapshot instanceof InfoSnapshot) {
            exposed = name + "_info";
            for (InfoSnapshot.InfoDataPointSnapshot point : ((InfoSnapshot) snapshot).getDataPoints()) {
                points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes(point.getLabels()), 1));
            }
        } else if (snapshot instanceof StateSetSnapshot) {
            for (StateSetSnapshot.StateSetDataPointSnapshot point : ((StateSetSnapshot) snapshot).getDataPoints()) {
                for (int i = 0; i < point.size(); i++) {
                    Attributes attributes = attributes(point.getLabels()).toBuilder().put(name, point.getName(i)).build();
                    points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes, point.isTrue(i) ? 1 : 0));
                }
            }
        } else if (snapshot instanceof UnknownSnapshot) {
            for (UnknownSnapshot.UnknownDataPointSnapshot point : ((UnknownSnapshot) snapshot).getDataPoints()) {
                points.add(ImmutableDoublePointData.create(startEpochNanos, now, attributes(point.getLabels()), point.getValue()));
            }
        } else {
            return null;
        }
        return ImmutableMetricData.createDoubleGauge(resource, scope, exposed, help, unit, ImmutableGaugeData.create(points));
    }

    private HistogramPointData histogramPoint(HistogramSnapshot.HistogramDataPointSnapshot point, long now) {
        ClassicHistogramBuckets buckets = point.getClassicBuckets();
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            if (i < buckets.size() - 1) {
                bounds.add(buckets.getUpperBound(i));  // the last bucket is +Inf, which OTLP leaves implicit
            }
            counts.add(buckets.getCount(i));
        }
        List<DoubleExemplarData> exemplars = new ArrayList<>();
        for (Exemplar exemplar : point.getExemplars()) {
            String traceId = exemplar.getLabels().get(Exemplar.TRACE_ID);
            String spanId = exemplar.getLabels().get(Exemplar.SPAN_ID);
            SpanContext span = traceId == null || spanId == null ? SpanContext.getInvalid()
                    : SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
            long at = exemplar.hasTimestamp() ? exemplar.getTimestampMillis() * 1_000_000L : now;
            exemplars.add(ImmutableDoubleExemplarData.create(Attributes.empty(), at, span, exemplar.getValue()));
        }
        return ImmutableHistogramPointData.create(startEpochNanos, now, attributes(point.getLabels()), point.hasSum() ? point.getSum() : 0,
                false, 0, false, 0, bounds, counts, exemplars);
    }

    private static Attributes attributes(Labels labels) {
        AttributesBuilder builder = Attributes.builder();
        for (int i = 0; i < labels.size(); i++) {
            builder.put(labels.getPrometheusName(i), labels.getValue(i));
        }
        return builder.build();
    }

    /** UCUM, as OTLP expects: the unit the metric declares, else the one its name ends in. */
    private static String unit(MetricMetadata metadata) {
        String unit = metadata.hasUnit() ? metadata.getUnit().toString() : "";
        String name = metadata.getPrometheusName();
        if (unit.equals("seconds") || name.endsWith("_seconds")) {
            return "s";
        }
        if (unit.equals("bytes") || name.endsWith("_bytes")) {
            return "By";
        }
        return unit;
    }
}
