package io.nodescope.agent.it;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import java.util.List;
import java.util.stream.Collectors;

/** Which catalog metrics a scrape shows data for. */
final class CatalogData {

    private CatalogData() {
    }

    /** The catalog metrics without data yet: no count or observation above zero, or, for a gauge, no series. */
    static List<String> missing(MetricsText metrics) {
        return Catalog.all().stream().filter(metric -> !hasData(metrics, metric)).map(MetricDefinition::name).collect(Collectors.toList());
    }

    private static boolean hasData(MetricsText metrics, MetricDefinition metric) {
        String sample = metric.type() == MetricType.HISTOGRAM ? metric.name() + "_count" : metric.name();
        return metrics.text().lines().filter(line -> line.startsWith(sample + "{") || line.startsWith(sample + " "))
                .anyMatch(line -> metric.type() == MetricType.GAUGE || Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0);
    }
}
