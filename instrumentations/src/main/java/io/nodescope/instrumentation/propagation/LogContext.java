package io.nodescope.instrumentation.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The current trace in a log record's context map, under the keys layouts and log pipelines expect. */
public final class LogContext {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String TRACE_FLAGS = "trace_flags";

    private LogContext() {
    }

    /**
     * A copy of {@code context} (a {@code Map<String, String>} or null) with the current span's ids;
     * the same object when no span is current, when it is not a map, or when it already names a
     * trace (the node's own code put one there, and it is kept).
     */
    public static Object withTrace(Object context) {
        if (context != null && (!(context instanceof Map) || ((Map<?, ?>) context).containsKey(TRACE_ID))) {
            return context;
        }
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return context;
        }
        Map<Object, Object> with = new HashMap<>();
        if (context != null) {
            with.putAll((Map<?, ?>) context);
        }
        with.put(TRACE_ID, span.getTraceId());
        with.put(SPAN_ID, span.getSpanId());
        with.put(TRACE_FLAGS, span.getTraceFlags().asHex());
        return Collections.unmodifiableMap(with);
    }
}
