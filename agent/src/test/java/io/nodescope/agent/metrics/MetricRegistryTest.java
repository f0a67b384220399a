package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    @Test
    void pastTheSeriesLimitValuesShareOneOverflowSeriesAndAreCounted() {
        MetricRegistry registry = new MetricRegistry("t", 3, Map.of());
        MetricFamily<CounterPoint> commands = registry.counter(Catalog.COMMAND_TOTAL);
        for (int i = 0; i < 10; i++) {
            commands.series("command-" + i, "ok").increment();
        }
        assertSame(commands.series("command-0", "ok"), commands.series("command-0", "ok"), "known series are kept");
        MetricsText text = MetricsText.of(registry);
        assertEquals(7.0, text.value("node_command_total{command=\"__overflow__\",status=\"__overflow__\"}"));
        assertEquals(7.0, text.value("nodescope_series_overflow_total{metric=\"node_command_total\"}"));
        assertEquals(1.0, text.value("node_command_total{command=\"command-2\",status=\"ok\"}"));
        assertTrue(!text.has("node_command_total{command=\"command-3\",status=\"ok\"}"));
    }

    @Test
    void histogramsCountEachObservationInTheFirstBucketThatHoldsIt() {
        MetricRegistry registry = new MetricRegistry("t", 10, Map.of("node_command_duration_seconds", new double[] {0.1, 1}));
        HistogramPoint point = registry.histogram(Catalog.COMMAND_DURATION).series("publish", "ok");
        point.observe(0.05);
        point.observe(0.1);
        point.observe(0.5);
        point.observe(7);
        MetricsText text = MetricsText.of(registry);
        String labels = "command=\"publish\",status=\"ok\"";
        assertEquals(2, text.value("node_command_duration_seconds_bucket{" + labels + ",le=\"0.1\"}"));
        assertEquals(3, text.value("node_command_duration_seconds_bucket{" + labels + ",le=\"1.0\"}"));
        assertEquals(4, text.value("node_command_duration_seconds_bucket{" + labels + ",le=\"+Inf\"}"));
        assertEquals(4, text.value("node_command_duration_seconds_count{" + labels + "}"));
        assertEquals(7.65, text.value("node_command_duration_seconds_sum{" + labels + "}"), 1e-9);
    }

    @Test
    void familiesAreTypedAndLabelCountsChecked() {
        MetricRegistry registry = new MetricRegistry("t", 10, Map.of());
        assertThrows(IllegalArgumentException.class, () -> registry.gauge(Catalog.COMMAND_TOTAL));
        assertThrows(IllegalArgumentException.class, () -> registry.counter(Catalog.COMMAND_TOTAL).series("only-one"));
    }

    @Test
    void exposesTheCatalogAndSelfMetricsWithHelpAndTypes() {
        MetricRegistry registry = new MetricRegistry("1.2.3", 10, Map.of());
        registry.gauge(Catalog.SYNC_LAST_SUCCESS).series().set(1700000000);
        registry.counter(Catalog.COMMAND_TOTAL).series("get", "ok").increment();
        registry.histogram(Catalog.COMMAND_DURATION).series("get", "ok").observe(0.01);
        MetricsText text = MetricsText.of(registry);
        assertEquals(1.0, text.value("nodescope_build_info{version=\"1.2.3\"}"));
        assertEquals(1.7e9, text.value("node_sync_last_success_unix"));
        assertTrue(text.text().contains("# TYPE node_command_total counter"), text.text());
        assertTrue(text.text().contains("# TYPE node_command_duration_seconds histogram"));
        assertTrue(text.text().contains("# HELP nodescope_advice_errors_total Errors inside the agent's advice"));
    }
}
