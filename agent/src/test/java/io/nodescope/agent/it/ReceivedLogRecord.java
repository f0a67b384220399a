package io.nodescope.agent.it;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One log record an OTLP receiver got, with the logger (the instrumentation scope) it came from. */
final class ReceivedLogRecord {

    final String logger;
    final LogRecord record;

    private ReceivedLogRecord(String logger, LogRecord record) {
        this.logger = logger;
        this.record = record;
    }

    static List<ReceivedLogRecord> of(List<ExportLogsServiceRequest> requests) {
        return requests.stream().flatMap(request -> request.getResourceLogsList().stream())
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream().map(record -> new ReceivedLogRecord(scope.getScope().getName(), record)))
                .collect(Collectors.toList());
    }

    String body() {
        return record.getBody().getStringValue();
    }

    /** Hex, empty for a record written outside any span. */
    String traceId() {
        return hex(record.getTraceId());
    }

    String spanId() {
        return hex(record.getSpanId());
    }

    Map<String, String> attributes() {
        return record.getAttributesList().stream().collect(Collectors.toMap(attribute -> attribute.getKey(),
                attribute -> attribute.getValue().getStringValue()));
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public String toString() {
        return logger + " " + record;
    }
}
