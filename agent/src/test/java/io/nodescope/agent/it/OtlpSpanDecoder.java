package io.nodescope.agent.it;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Flattens an OTLP export request into {@link ReceivedSpan}s, the only shape tests look at. */
final class OtlpSpanDecoder {

    private static final String STATUS_CODE_PREFIX = "STATUS_CODE_";

    private OtlpSpanDecoder() {}

    static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
        List<ReceivedSpan> spans = new ArrayList<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, String> resourceAttributes =
                    attributes(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(decode(span, resourceAttributes));
                }
            }
        }
        return spans;
    }

    private static ReceivedSpan decode(Span span, Map<String, String> resourceAttributes) {
        List<ReceivedSpan.Event> events =
                span.getEventsList().stream().map(OtlpSpanDecoder::decode).collect(Collectors.toList());
        return new ReceivedSpan(
                span.getName(),
                hex(span.getTraceId()),
                hex(span.getSpanId()),
                hex(span.getParentSpanId()),
                span.getKind().name().replace("SPAN_KIND_", ""),
                statusCode(span.getStatus()),
                attributes(span.getAttributesList()),
                events,
                resourceAttributes);
    }

    private static ReceivedSpan.Event decode(Span.Event event) {
        return new ReceivedSpan.Event(event.getName(), attributes(event.getAttributesList()));
    }

    private static String statusCode(Status status) {
        // Enum constants are STATUS_CODE_UNSET/OK/ERROR; tests read better with the short form.
        return status.getCode().name().replace(STATUS_CODE_PREFIX, "");
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue keyValue : keyValues) {
            attributes.put(keyValue.getKey(), text(keyValue.getValue()));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE:
                return value.getStringValue();
            case BOOL_VALUE:
                return String.valueOf(value.getBoolValue());
            case INT_VALUE:
                return String.valueOf(value.getIntValue());
            case DOUBLE_VALUE:
                return String.valueOf(value.getDoubleValue());
            case BYTES_VALUE:
                return hex(value.getBytesValue());
            case ARRAY_VALUE:
                return value.getArrayValue().getValuesList().stream()
                        .map(OtlpSpanDecoder::text)
                        .collect(Collectors.joining(", ", "[", "]"));
            case KVLIST_VALUE:
                return attributes(value.getKvlistValue().getValuesList()).toString();
            default:
                return "";
        }
    }

    private static String hex(ByteString bytes) {
        StringBuilder hex = new StringBuilder(bytes.size() * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
