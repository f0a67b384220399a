package io.nodescope.instrumentation.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SpanAttribute;
import io.nodescope.instrumentation.site.Spans;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.api.trace.SpanKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** What a kind's handle records, bound to a method by hand: the data points it looks up and what each call adds. */
class KindHandlesTest {

    @Test
    void theHeartbeatMovesOnlyWhenTheMethodReturns() {
        Points points = new Points();
        CallHandle heartbeat = Kinds.SYNC_HEARTBEAT.bind(new Binding(points, Map.of()));
        call(heartbeat, new IllegalStateException());
        assertEquals(0.0, points.values.get("node_sync_last_success_unix[]"));
        call(heartbeat, null);
        assertTrue(points.values.get("node_sync_last_success_unix[]") > 1.7e9, points.values.toString());
        assertFalse(heartbeat.readsArguments() || heartbeat.readsReturn());
    }

    @Test
    void aConstantSubjectsSeriesExistBeforeTheFirstCallAndCountByOutcome() {
        Points points = new Points();
        CallHandle command = Kinds.COMMAND.bind(new Binding(points, Map.of("command", new Constant("publish"))));
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
    void withMetricsOffATaskReadsNoValueForThem() {
        CallHandle task = Kinds.TASK.bind(new Binding(MetricPoints.NONE, Map.of("task", new Constant("sync"),
                "next_delay", new Constant("5") {
                    @Override
                    public boolean readsArguments() {
                        return true;
                    }
                })));
        assertFalse(task.readsArguments(), "the delay feeds a metric only");
        assertNull(task.enter(null, null), "no span with traces off");
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

    /** A rule's values on a method, with traces off. */
    private static final class Binding implements SiteBinding {
        private final MetricPoints metrics;
        private final Map<String, ValueReader> values;

        Binding(MetricPoints metrics, Map<String, ValueReader> values) {
            this.metrics = metrics;
            this.values = values;
        }

        @Override
        public Optional<ValueReader> value(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public List<SpanAttribute> attributes() {
            return List.of();
        }

        @Override
        public MetricPoints metrics() {
            return metrics;
        }

        @Override
        public Spans spans() {
            return Spans.OFF;
        }

        @Override
        public Optional<SpanKind> spanKind() {
            return Optional.empty();
        }
    }

    /** A literal value. */
    private static class Constant implements ValueReader {
        private final String text;

        Constant(String text) {
            this.text = text;
        }

        @Override
        public String read(Object self, Object[] arguments, Object returned) {
            return text;
        }

        @Override
        public Object readObject(Object self, Object[] arguments, Object returned) {
            return text;
        }

        @Override
        public Object start(Object self, Object[] arguments, Object returned) {
            return null;
        }

        @Override
        public double readNumberFrom(Object start) {
            return ValueReader.number(text);
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String constant() {
            return text;
        }

        @Override
        public boolean readsArguments() {
            return false;
        }

        @Override
        public boolean readsReturn() {
            return false;
        }
    }
}
