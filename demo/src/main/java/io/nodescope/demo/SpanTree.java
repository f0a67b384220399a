package io.nodescope.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trace as the terminal shows it: the root span on a line with the trace id, each other span under its
 * parent, indented two spaces per level, in the order they started; each with its duration and status.
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736  command.publish  12.3 ms  ok
 *   operation.publish  10.1 ms  ok
 *     repository.insertOperation  0.8 ms  ok
 * </pre>
 * Spans whose parent is not among the trace's spans are left out: the tree shows what hangs from the root.
 */
final class SpanTree {

    private static final String INDENT = "  ";

    private final Span root;
    private final Map<ByteString, List<Span>> childrenByParent;

    /** @param spans the root and any other spans of its trace */
    SpanTree(Span root, List<Span> spans) {
        this.root = root;
        this.childrenByParent = spans.stream().filter(span -> !span.getParentSpanId().isEmpty())
                .sorted(Comparator.comparingLong(Span::getStartTimeUnixNano))
                .collect(Collectors.groupingBy(Span::getParentSpanId));
    }

    /** The tree's lines, each ending with a line break. */
    String render() {
        StringBuilder text = new StringBuilder("trace ").append(HexFormat.of().formatHex(root.getTraceId().toByteArray()))
                .append(INDENT);
        append(text, root, 0);
        return text.toString();
    }

    private void append(StringBuilder text, Span span, int depth) {
        text.append(INDENT.repeat(depth)).append(span.getName()).append(INDENT).append(milliseconds(span))
                .append(INDENT).append(status(span.getStatus())).append('\n');
        for (Span child : childrenByParent.getOrDefault(span.getSpanId(), List.of())) {
            append(text, child, depth + 1);
        }
    }

    private static String milliseconds(Span span) {
        return String.format(Locale.ROOT, "%.1f ms", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6);
    }

    /** An unset status is a success: the agent marks only failures, as OpenTelemetry instrumentations do. */
    private static String status(Status status) {
        if (status.getCode() != Status.StatusCode.STATUS_CODE_ERROR) {
            return "ok";
        }
        return status.getMessage().isEmpty() ? "error" : "error (" + status.getMessage() + ")";
    }
}
