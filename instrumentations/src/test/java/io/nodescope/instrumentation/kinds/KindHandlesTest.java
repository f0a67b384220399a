package io.nodescope.instrumentation.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.ValueReader;
import io.nodescope.instrumentation.site.ValuesOnlyBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** What a kind's handle records, bound to a method by hand: the data points it looks up and what each call adds. */
class KindHandlesTest {

    @Test
    void theHeartbeatMovesOnlyWhenTheMethodReturns() {
        Points points = new Points();
        CallHandle heartbeat = Kinds.SYNC_HEARTBEAT.bind(new ValuesOnlyBinding(points, Map.of()));
        call(heartbeat, new IllegalStateException());
        assertEquals(0.0, points.values.get("node_sync_last_success_unix[]"));
        call(heartbeat, null);
        assertTrue(points.values.get("node_sync_last_success_unix[]") > 1.7e9, points.values.toString());
        assertFalse(heartbeat.readsArguments() || heartbeat.readsReturn());
    }

    @Test
    void aConstantSubjectsSeriesExistBeforeTheFirstCallAndCountByOutcome() {
        Points points = new Points();
        CallHandle command = Kinds.COMMAND.bind(new ValuesOnlyBinding(points, Map.of("command", ValueReader.constant("publish"))));
        assertEquals(0.0, points.values.get("node_command_total[publish, ok]"));
        assertEquals(0.0, points.values.get("node_command_total[publish, error]"));
        call(command, null);
        call(command, null);
        call(command, new IllegalStateException());
        assertEquals(2.0, points.values.get("node_command_total[publish, ok]"));
        assertEquals(1.0, points.values.get("node_command_total[publish, error]"));
        assertEquals(2.0, points.values.get("node_command_duration_seconds[publish, ok]"));
        assertFalse(command.readsArguments() || command.readsReturn(), "a constant subject reads nothing from the call");
    }

    @Test
    void withMetricsOffATaskRecordsNothingAndOpensNoSpanWithTracesOff() {
        CallHandle task = Kinds.TASK.bind(new ValuesOnlyBinding(MetricPoints.NONE,
                Map.of("task", ValueReader.constant("sync"), "next_delay", ValueReader.constant("5"))));
        assertFalse(task.worksOnEntry());
        assertNull(task.enter(null, null));
        call(task, null);
    }

    private static void call(CallHandle handle, Throwable thrown) {
        handle.exit(System.nanoTime(), handle.enter(null, null), null, null, null, thrown);
    }

    /** Every point a kind looks up, by metric name and label values, holding what was recorded (a histogram: its count). */
    private static final class Points implements MetricPoints {
        final Map<String, Double> values = new LinkedHashMap<>();

        private String key(MetricDefinition metric, List<String> labels) {
            String key = metric.name() + labels;
            values.putIfAbsent(key, 0.0);
            return key;
        }

        @Override
        public Counter counter(MetricDefinition metric, List<String> labelValues) {
            String key = key(metric, labelValues);
            return new Counter() {
                @Override
                public void increment() {
                    add(1);
                }

                @Override
                public void add(long amount) {
                    values.merge(key, (double) amount, Double::sum);
                }
            };
        }

        @Override
        public Histogram histogram(MetricDefinition metric, List<String> labelValues) {
            String key = key(metric, labelValues);
            return new Histogram() {
                @Override
                public void observe(double value) {
                    values.merge(key, 1.0, Double::sum);
                }

                @Override
                public void observe(double value, String traceId, String spanId) {
                    observe(value);
                }
            };
        }

        @Override
        public Gauge gauge(MetricDefinition metric, List<String> labelValues) {
            String key = key(metric, labelValues);
            return new Gauge() {
                @Override
                public void set(double value) {
                    values.put(key, value);
                }

                @Override
                public void follow(DoubleSupplier live) {
                }
            };
        }

        @Override
        public int seriesLimit() {
            return 100;
        }

        @Override
        public boolean records() {
            return true;
        }
    }
}
