package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sampler = "keep_errors"} with ratio 0.1 on the sample node's workload, about 15 % of
 * whose commands fail: every failed command's trace arrives whole, the traces without an error at
 * about the ratio.
 */
class SamplingIT {

    private static final double RATIO = 0.1;

    @TempDir
    Path dir;

    @Test
    void everyFailedCommandsTraceArrivesWholeAndTheOthersAtAboutTheRatio() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            int metricsPort = FreePort.pick();
            Path config = SampleConfig.shipped().metricsPort(metricsPort).traces(receiver.endpoint(), "grpc").keepErrors(RATIO).write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                    .arguments("--port", "0", "--workload-seconds", "30", "--workload-rate", "40", "--error-share", "0.15").start()) {
                node.awaitListening(Patience.START);
                node.awaitLine(line -> line.startsWith("workload finished:"), Patience.DATA);
                // Periodic tasks run on after the workload: read the node's counts and the spans until they agree on failures.
                MetricsText[] counted = new MetricsText[1];
                List<ReceivedSpan> spans = receiver.awaitSpans(received -> {
                    try {
                        counted[0] = MetricsText.parse(Scrape.text(metricsPort));
                    } catch (Exception e) {
                        return false;
                    }
                    return commands(received, "error") == sum(counted[0], "node_command_total", "error") && commands(received, "error") > 0;
                }, Patience.DATA);
                MetricsText metrics = counted[0];

                Map<String, List<ReceivedSpan>> traces = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
                Set<String> failed = traces.entrySet().stream()
                        .filter(trace -> trace.getValue().stream().anyMatch(span -> "ERROR".equals(span.statusCode())))
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                // The workload's commands start their traces; one that failed has ended, and so has its trace.
                List<ReceivedSpan> failedCommands = spans.stream().filter(span -> span.isRoot() && span.name().startsWith("command.")
                        && "error".equals(span.attributes().get("status"))).collect(Collectors.toList());
                assertTrue(failedCommands.size() > 50, "the workload's failed commands arrived: " + failedCommands.size());
                for (ReceivedSpan command : failedCommands) {
                    assertWhole(traces.get(command.traceId()));
                }
                assertEquals(0.0, metrics.value("nodescope_sampling_buffer_overflow_total"), "no span of a waiting trace was dropped");
                assertEquals(0.0, metrics.value("nodescope_spans_dropped_total"), "no span was dropped on its way out");

                // Ok commands in a trace with a failure arrived with it; of the others the ratio was to arrive.
                long okCommands = (long) sum(metrics, "node_command_total", "ok");
                long okInFailedTraces = failed.stream().mapToLong(traceId -> commands(traces.get(traceId), "ok")).sum();
                long okElsewhere = okCommands - okInFailedTraces;
                long okArrived = traces.entrySet().stream().filter(trace -> !failed.contains(trace.getKey()))
                        .mapToLong(trace -> commands(trace.getValue(), "ok")).sum();
                double expected = okElsewhere * RATIO;
                double sigma = Math.sqrt(okElsewhere * RATIO * (1 - RATIO));
                String counts = okArrived + " of " + okElsewhere + " ok commands in traces without errors arrived, "
                        + failed.size() + " traces with errors; expected " + expected + " ± 5 × " + sigma;
                assertTrue(okElsewhere > 500, "enough commands to judge the ratio: " + counts);
                assertTrue(Math.abs(okArrived - expected) <= 5 * sigma, counts);
            }
        }
    }

    /** One root, and every other span's parent among the trace's spans. */
    private static void assertWhole(List<ReceivedSpan> trace) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertEquals(1, trace.stream().filter(ReceivedSpan::isRoot).count(), "one root: " + trace);
        assertTrue(trace.stream().allMatch(span -> span.isRoot() || ids.contains(span.parentSpanId())), "every parent arrived: " + trace);
    }

    private static long commands(List<ReceivedSpan> spans, String status) {
        return spans.stream().filter(span -> span.name().startsWith("command.") && status.equals(span.attributes().get("status"))).count();
    }

    private static double sum(MetricsText metrics, String metric, String status) {
        return metrics.samples().entrySet().stream()
                .filter(sample -> sample.getKey().startsWith(metric + "{") && sample.getKey().contains("status=\"" + status + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
