package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metrics pushed over OTLP are what a scrape shows: the same series, names, labels and buckets,
 * cumulative. A push that read the registry between two scrapes (by the time on its points) is compared: every series of the catalog and the self-metrics
 * is in all three, a value the two scrapes agree on is the pushed value, and a counter's pushed
 * value lies between them.
 */
class MetricsPushIT {

    @TempDir
    Path dir;

    static Stream<Arguments> protocols() {
        return Stream.of(
                Arguments.of("grpc", (Supplier<OtlpReceiver>) OtlpReceiver::startGrpc),
                Arguments.of("http/protobuf", (Supplier<OtlpReceiver>) OtlpReceiver::startHttp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void theOtlpPushCarriesWhatAScrapeShows(String protocol, Supplier<OtlpReceiver> receivers) throws Exception {
        try (OtlpReceiver receiver = receivers.get()) {
            int port = FreePort.pick();
            Path config = SampleConfig.shipped().tracesEnabled(false).metricsPort(port)
                    .setting("metrics", "exporters", "[\"prometheus\", \"otlp\"]")
                    .setting("metrics", "otlp_endpoint", "\"" + receiver.endpoint() + "\"")
                    .setting("metrics", "protocol", "\"" + protocol + "\"")
                    .setting("metrics", "export_interval_seconds", "1").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "5",
                    "--workload-rate", "40").start()) {
                node.awaitListening(Patience.START);
                node.awaitLine(line -> line.startsWith("workload finished"), Patience.DATA);

                Map<String, Double> before = PushedSamples.of(MetricsText.parse(Scrape.text(port)).samples());
                long scraped = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                // the first push that read the registry after the scrape, by the time on its points
                ExportMetricsServiceRequest push = receiver.awaitMetrics(requests -> requests.stream().anyMatch(request -> readAt(request) > scraped),
                        Patience.DATA).stream().filter(request -> readAt(request) > scraped).findFirst().orElseThrow();
                Map<String, Double> after = PushedSamples.of(MetricsText.parse(Scrape.text(port)).samples());
                Map<String, Double> pushed = PushedSamples.of(push);

                assertEquals(agents(before.keySet()), agents(pushed.keySet()), "the same catalog and self-metric series");
                int agreed = 0;
                for (String sample : agents(before.keySet())) {
                    double first = before.get(sample);
                    double last = after.get(sample);
                    double value = pushed.get(sample);
                    if (first == last) {
                        assertEquals(first, value, sample);
                        agreed++;
                    } else if (!isGauge(sample, push)) {
                        assertTrue(first <= value && value <= last, sample + ": pushed " + value + ", scraped " + first + " then " + last);
                    }
                }
                assertTrue(agreed > 100, "series the scrapes agree on: " + agreed);
                assertTrue(pushed.keySet().containsAll(before.keySet().stream().filter(sample -> sample.startsWith("jvm_memory_used_bytes"))
                        .collect(Collectors.toList())), "the JVM metrics too");
                assertTrue(pushed.get("node_command_total{command=\"publish\",status=\"ok\"}") > 0, pushed.toString());

                Metric duration = metric(push, "node_command_duration_seconds");
                assertEquals("s", duration.getUnit());
                assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, duration.getHistogram().getAggregationTemporality());
                Metric commands = metric(push, "node_command_total");
                assertTrue(commands.getSum().getIsMonotonic());
                assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, commands.getSum().getAggregationTemporality());
                assertEquals("sample-node", push.getResourceMetrics(0).getResource().getAttributesList().stream()
                        .filter(attribute -> attribute.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue());
            }
        }
    }

    /** When the push read the registry: the time on its build-info point, which every push carries. */
    private static long readAt(ExportMetricsServiceRequest push) {
        return metric(push, "nodescope_build_info").getGauge().getDataPoints(0).getTimeUnixNano();
    }

    private static Set<String> agents(Set<String> samples) {
        return samples.stream().filter(sample -> sample.startsWith("node_") || sample.startsWith("nodescope_"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isGauge(String sample, ExportMetricsServiceRequest push) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        return push.getResourceMetrics(0).getScopeMetricsList().stream().flatMap(scope -> scope.getMetricsList().stream())
                .anyMatch(metric -> metric.getName().equals(name) && metric.hasGauge());
    }

    private static Metric metric(ExportMetricsServiceRequest push, String name) {
        return push.getResourceMetrics(0).getScopeMetricsList().stream().flatMap(scope -> scope.getMetricsList().stream())
                .filter(metric -> metric.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }
}
