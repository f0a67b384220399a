package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample node logs through SLF4J and Logback, JSON by its own switch, knowing nothing of the
 * agent; with traces on, a record written inside a command carries that command's trace and the
 * span it was written in, as the OTLP receiver got them.
 */
class LogContextIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 5;
    private static final String TRACES_UP = "[nodescope] traces: ";

    @TempDir
    Path dir;

    @Test
    void logRecordsWrittenInsideACommandCarryItsTraceAndSpan() {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), "grpc").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "60",
                    "--workload-rate", "30", "--error-share", "0", "--log-format", "json").start()) {
                node.awaitListening(Patience.START);
                // Spans made before the exporters are up are not opened (they are counted): take the records written after.
                awaitPublished(node, true);
                List<JsonNode> records = published(afterTracesUp(node.outputLines())).subList(0, RECORDS);
                Set<String> traces = records.stream().map(record -> record.path("mdc").path("trace_id").asText()).collect(Collectors.toSet());
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> traces.stream().allMatch(trace -> all.stream()
                        .anyMatch(span -> span.traceId().equals(trace) && span.name().equals("command.publish"))), Patience.DATA);
                for (JsonNode record : records) {
                    JsonNode mdc = record.path("mdc");
                    assertTrue(mdc.path("trace_id").asText().matches("[0-9a-f]{32}"), record.toString());
                    ReceivedSpan current = spans.stream().filter(span -> span.spanId().equals(mdc.path("span_id").asText()))
                            .findFirst().orElseThrow(() -> new AssertionError("no span " + mdc.path("span_id") + " for " + record));
                    assertEquals(mdc.path("trace_id").asText(), current.traceId(), "the record's span is in its trace: " + record);
                    assertTrue(spans.stream().anyMatch(span -> span.traceId().equals(current.traceId())
                            && span.name().equals("command.publish") && "ok".equals(span.attributes().get("status"))), record.toString());
                }
            }
        }
    }

    @Test
    void withoutTracesOrWithTheSettingOffTheNodesRecordsAreUnchanged() {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path off = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), "grpc")
                    .setting("traces", "log_context", "false").write(dir);
            Path noTraces = SampleConfig.shipped().metricsEnabled(false).tracesEnabled(false).write(dir);
            for (Path config : List.of(off, noTraces)) {
                try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "60",
                        "--workload-rate", "30", "--error-share", "0", "--log-format", "json").start()) {
                    node.awaitListening(Patience.START);
                    awaitPublished(node, false);
                    for (JsonNode record : published(node.outputLines())) {
                        assertFalse(record.path("mdc").has("trace_id"), record.toString());
                    }
                }
            }
        }
    }

    private static void awaitPublished(NodeProcess node, boolean afterTracesUp) {
        int[] seen = {0};
        boolean[] counting = {!afterTracesUp};
        node.awaitLine(line -> (counting[0] |= line.startsWith(TRACES_UP)) && isPublished(line) && ++seen[0] >= RECORDS, Patience.DATA);
    }

    /** The lines after the agent said its traces are exported, or all of them when it does not say so (traces off). */
    private static List<String> afterTracesUp(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(TRACES_UP)) {
                return lines.subList(i + 1, lines.size());
            }
        }
        return lines;
    }

    /** The node's JSON records of a published collection, written inside a publish command's operation. */
    private static List<JsonNode> published(List<String> lines) {
        return lines.stream().filter(LogContextIT::isPublished).map(LogContextIT::parse).collect(Collectors.toList());
    }

    private static boolean isPublished(String line) {
        return line.startsWith("{") && line.contains("\"formattedMessage\":\"published ");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON record: " + line, e);
        }
    }
}
