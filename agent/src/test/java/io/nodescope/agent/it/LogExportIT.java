package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.nio.file.Path;
import java.util.HexFormat;
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
                List<Received> published = received(receiver.awaitLogs(requests -> received(requests).stream()
                        .filter(record -> record.body().startsWith("published ")).count() >= 5
                        && received(requests).stream().anyMatch(record -> record.body().startsWith("fault sync-stall")), Patience.DATA));
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> published.stream().filter(record -> record.body().startsWith("published "))
                        .allMatch(record -> all.stream().anyMatch(span -> span.spanId().equals(record.spanId()))), Patience.DATA);

                for (Received record : published.stream().filter(r -> r.body().startsWith("published ")).collect(Collectors.toList())) {
                    assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.record.getSeverityNumber(), record.toString());
                    assertEquals("INFO", record.record.getSeverityText());
                    assertEquals("org.example.node.command.PublishCommand", record.logger);
                    assertTrue(record.attribute("thread.name").startsWith("command-worker-"), record.toString());
                    ReceivedSpan span = spans.stream().filter(s -> s.spanId().equals(record.spanId())).findFirst().orElseThrow();
                    assertEquals(span.traceId(), record.traceId(), "the record carries the trace it was written in");
                    assertFalse(record.attributes().contains("trace_id"), "the ids are the record's context, not attributes: " + record);
                }
                Received fault = published.stream().filter(r -> r.body().startsWith("fault sync-stall")).findFirst().orElseThrow();
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
                List<Received> records = received(receiver.awaitLogs(requests -> received(requests).stream()
                        .anyMatch(record -> record.body().startsWith("task sync failed")), Patience.DATA));
                assertTrue(records.stream().noneMatch(record -> record.body().startsWith("published ")), records.toString());
                assertTrue(records.stream().allMatch(record -> record.record.getSeverityNumberValue() >= SeverityNumber.SEVERITY_NUMBER_WARN_VALUE),
                        records.toString());
            }
        }
    }

    private static List<Received> received(List<ExportLogsServiceRequest> requests) {
        return requests.stream().flatMap(request -> request.getResourceLogsList().stream())
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream().map(record -> new Received(scope.getScope().getName(), record)))
                .collect(Collectors.toList());
    }

    /** One log record and the logger (instrumentation scope) it came from. */
    private static final class Received {
        final String logger;
        final LogRecord record;

        Received(String logger, LogRecord record) {
            this.logger = logger;
            this.record = record;
        }

        String body() {
            return record.getBody().getStringValue();
        }

        String traceId() {
            return hex(record.getTraceId());
        }

        String spanId() {
            return hex(record.getSpanId());
        }

        String attribute(String key) {
            return record.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key)).findFirst()
                    .map(attribute -> attribute.getValue().getStringValue()).orElse("");
        }

        List<String> attributes() {
            return record.getAttributesList().stream().map(attribute -> attribute.getKey()).collect(Collectors.toList());
        }

        private static String hex(ByteString bytes) {
            return HexFormat.of().formatHex(bytes.toByteArray());
        }

        @Override
        public String toString() {
            return logger + " " + record;
        }
    }
}
