package io.nodescope.agent.config;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code [telemetry.metrics.buckets]}: a catalog histogram's name to its bucket upper bounds. */
final class BucketsReader {

    private static final Set<String> HISTOGRAMS = histograms();

    private BucketsReader() {
    }

    // Loops rather than streams here: read in premain, where each lambda's first use costs the start.
    private static Set<String> histograms() {
        Set<String> names = new TreeSet<>();
        for (MetricDefinition metric : Catalog.all()) {
            if (metric.type() == MetricType.HISTOGRAM) {
                names.add(metric.name());
            }
        }
        return names;
    }

    static Map<String, double[]> read(TomlSection buckets) {
        buckets.rejectUnknown(HISTOGRAMS);
        Map<String, double[]> bounds = new LinkedHashMap<>();
        for (String metric : buckets.keys()) {
            if (!HISTOGRAMS.contains(metric)) {
                continue;
            }
            List<Double> values = buckets.numbers(metric);
            if (valid(buckets, metric, values)) {
                double[] upperBounds = new double[values.size()];
                for (int i = 0; i < upperBounds.length; i++) {
                    upperBounds[i] = values.get(i);
                }
                bounds.put(metric, upperBounds);
            }
        }
        return bounds;
    }

    private static boolean valid(TomlSection buckets, String metric, List<Double> values) {
        if (values.isEmpty()) {
            buckets.problem(metric, "needs at least one bucket bound, for example [0.01, 0.1, 1, 10]");
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            double bound = values.get(i);
            if (!(bound > 0) || Double.isInfinite(bound) || i > 0 && bound <= values.get(i - 1)) {
                buckets.problem(metric, "bounds must be positive seconds in increasing order (+Inf is added by itself), found "
                        + values);
                return false;
            }
        }
        return true;
    }
}
