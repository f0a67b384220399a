package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample node's Logback records reach a real OTLP receiver with their severity, logger, thread
 * and the trace they were written in; records below the configured level stay home.
 */
class LogExportIT {

    @TempDir
    Path dir;

    @Test
    void recordsArriveWithTheirTraceSeverityAndLogger() {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), "grpc")
                    .withSection("[telemetry.logs]\notlp_endpoint = \"" + receiver.endpoint() + "\"\n").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "60",
                    "--workload-rate", "30", "--error-share", "0", "--fault", "sync-stall").start()) {
                node.awaitListening(Patience.START);
                List<ReceivedLogRecord> published = ReceivedLogRecord.of(receiver.awaitLogs(requests -> ReceivedLogRecord.of(requests).stream()
                        .filter(record -> record.body().startsWith("published ")).count() >= 5
                        && ReceivedLogRecord.of(requests).stream().anyMatch(record -> record.body().startsWith("fault sync-stall")), Patience.DATA));
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> published.stream().filter(record -> record.body().startsWith("published "))
                        .allMatch(record -> all.stream().anyMatch(span -> span.spanId().equals(record.spanId()))), Patience.DATA);

                for (ReceivedLogRecord record : published.stream().filter(r -> r.body().startsWith("published ")).collect(Collectors.toList())) {
                    assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.record.getSeverityNumber(), record.toString());
                    assertEquals("INFO", record.record.getSeverityText());
                    assertEquals("org.example.node.command.PublishCommand", record.logger);
                    assertTrue(record.attributes().getOrDefault("thread.name", "").startsWith("command-worker-"), record.toString());
                    ReceivedSpan span = spans.stream().filter(s -> s.spanId().equals(record.spanId())).findFirst().orElseThrow();
                    assertEquals(span.traceId(), record.traceId(), "the record carries the trace it was written in");
                    assertFalse(record.attributes().containsKey("trace_id"), "the ids are the record's context, not attributes: " + record);
                }
                ReceivedLogRecord fault = published.stream().filter(r -> r.body().startsWith("fault sync-stall")).findFirst().orElseThrow();
                assertEquals(SeverityNumber.SEVERITY_NUMBER_WARN, fault.record.getSeverityNumber());
                assertEquals("org.example.node.Node", fault.logger);
                assertTrue(fault.traceId().isEmpty(), "written outside any span: " + fault);
            }
        }
    }

    @Test
    void recordsBelowTheLevelAreNotExported() {
        try (OtlpReceiver receiver = OtlpReceiver.startHttp()) {
            Path config = SampleConfig.shipped().metricsEnabled(false).tracesEnabled(false)
                    .withSection("[telemetry.logs]\notlp_endpoint = \"" + receiver.endpoint() + "\"\nprotocol = \"http/protobuf\"\n"
                            + "level = \"warn\"\n").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0", "--workload-seconds", "60",
                    "--workload-rate", "30", "--error-share", "0", "--fault", "sync-stall").start()) {
                node.awaitListening(Patience.START);
                node.awaitLine(line -> line.contains("PublishCommand: published "), Patience.DATA);
                List<ReceivedLogRecord> records = ReceivedLogRecord.of(receiver.awaitLogs(requests -> ReceivedLogRecord.of(requests).stream()
                        .anyMatch(record -> record.body().startsWith("task sync failed")), Patience.DATA));
                assertTrue(records.stream().noneMatch(record -> record.body().startsWith("published ")), records.toString());
                assertTrue(records.stream().allMatch(record -> record.record.getSeverityNumberValue() >= SeverityNumber.SEVERITY_NUMBER_WARN_VALUE),
                        records.toString());
            }
        }
    }
}
