package io.nodescope.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the spans received, trace by trace, until a trace's root span, named {@code command.*}, arrives with
 * children below it: that trace is the one the demo shows. From then on only that trace's spans are kept (some
 * may still come, from work that ended after the root), and once it is taken, none. Until then at most
 * {@value #MAX_TRACES} traces are kept: past that they are dropped and the search starts over.
 */
final class FirstCommandTrace {

    private static final String COMMAND_SPAN_PREFIX = "command.";
    static final int MAX_TRACES = 10_000;

    /** Each trace's spans by span id: an export retried after a lost answer brings the same spans again. */
    private final Map<ByteString, Map<ByteString, Span>> spansByTrace = new HashMap<>();
    private Span root;
    private boolean taken;

    /** @return true when these spans completed the command trace to show, which happens once */
    synchronized boolean add(List<Span> spans) {
        if (taken) {
            return false;
        }
        if (root == null && spansByTrace.size() > MAX_TRACES) {
            spansByTrace.clear();
        }
        for (Span span : spans) {
            if (root == null || span.getTraceId().equals(root.getTraceId())) {
                spansByTrace.computeIfAbsent(span.getTraceId(), id -> new HashMap<>()).put(span.getSpanId(), span);
            }
        }
        if (root != null) {
            return false;
        }
        for (Span span : spans) {
            if (isCommandRoot(span) && spansByTrace.get(span.getTraceId()).size() > 1) {
                root = span;
                spansByTrace.keySet().retainAll(List.of(span.getTraceId()));
                return true;
            }
        }
        return false;
    }

    /** The trace to show, once {@link #add} returned true; afterwards spans are no longer kept. */
    synchronized Optional<SpanTree> take() {
        if (root == null || taken) {
            return Optional.empty();
        }
        taken = true;
        SpanTree tree = new SpanTree(root, List.copyOf(spansByTrace.remove(root.getTraceId()).values()));
        spansByTrace.clear();
        return Optional.of(tree);
    }

    private static boolean isCommandRoot(Span span) {
        return span.getParentSpanId().isEmpty() && span.getName().startsWith(COMMAND_SPAN_PREFIX);
    }
}
