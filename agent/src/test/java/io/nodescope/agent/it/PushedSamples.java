package io.nodescope.agent.it;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples in one comparable form, {@code name{label="value",...}} with labels sorted and {@code le}
 * and {@code quantile} as Java writes the number: from an OTLP metrics request, as Prometheus turns
 * OTLP into series, and from a scrape.
 */
final class PushedSamples {

    private static final Pattern SAMPLE = Pattern.compile("([^{]+)(?:\\{(.*)})?");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private PushedSamples() {
    }

    static Map<String, Double> of(ExportMetricsServiceRequest request) {
        Map<String, Double> samples = new TreeMap<>();
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    add(samples, metric);
                }
            }
        }
        return samples;
    }

    /** A scrape's samples in the same form. */
    static Map<String, Double> of(Map<String, Double> scraped) {
        Map<String, Double> samples = new TreeMap<>();
        scraped.forEach((key, value) -> {
            Matcher sample = SAMPLE.matcher(key);
            if (!sample.matches()) {
                throw new AssertionError("not a sample: " + key);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.put(key(sample.group(1), labels), value);
        });
        return samples;
    }

    private static void add(Map<String, Double> samples, Metric metric) {
        String name = metric.getName();
        switch (metric.getDataCase()) {
            case SUM:
                metric.getSum().getDataPointsList().forEach(point -> samples.put(key(name, labels(point.getAttributesList())), number(point)));
                break;
            case GAUGE:
                metric.getGauge().getDataPointsList().forEach(point -> samples.put(key(name, labels(point.getAttributesList())), number(point)));
                break;
            case HISTOGRAM:
                for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                    Map<String, String> labels = labels(point.getAttributesList());
                    long cumulative = 0;
                    for (int i = 0; i < point.getBucketCountsCount(); i++) {
                        cumulative += point.getBucketCounts(i);
                        Map<String, String> bucket = new TreeMap<>(labels);
                        bucket.put("le", i < point.getExplicitBoundsCount() ? number(point.getExplicitBounds(i)) : "+Inf");
                        samples.put(key(name + "_bucket", bucket), (double) cumulative);
                    }
                    samples.put(key(name + "_count", labels), (double) point.getCount());
                    samples.put(key(name + "_sum", labels), point.getSum());
                }
                break;
            case SUMMARY:
                for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
                    Map<String, String> labels = labels(point.getAttributesList());
                    for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
                        Map<String, String> withQuantile = new TreeMap<>(labels);
                        withQuantile.put("quantile", number(quantile.getQuantile()));
                        samples.put(key(name, withQuantile), quantile.getValue());
                    }
                    samples.put(key(name + "_count", labels), (double) point.getCount());
                    samples.put(key(name + "_sum", labels), point.getSum());
                }
                break;
            default:
                throw new AssertionError("unexpected OTLP metric type " + metric.getDataCase() + " for " + name);
        }
    }

    private static double number(NumberDataPoint point) {
        return point.hasAsDouble() ? point.getAsDouble() : point.getAsInt();
    }

    private static Map<String, String> labels(List<KeyValue> attributes) {
        Map<String, String> labels = new TreeMap<>();
        attributes.forEach(attribute -> labels.put(attribute.getKey(), attribute.getValue().getStringValue()));
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        Map<String, String> normalized = new TreeMap<>(labels);
        normalized.computeIfPresent("le", (key, value) -> value.equals("+Inf") ? value : number(Double.parseDouble(value)));
        normalized.computeIfPresent("quantile", (key, value) -> number(Double.parseDouble(value)));
        StringBuilder text = new StringBuilder(name);
        if (!normalized.isEmpty()) {
            text.append('{');
            normalized.forEach((key, value) -> text.append(key).append("=\"").append(value).append("\","));
            text.setCharAt(text.length() - 1, '}');
        }
        return text.toString();
    }

    private static String number(double value) {
        return Double.toString(value);
    }
}
