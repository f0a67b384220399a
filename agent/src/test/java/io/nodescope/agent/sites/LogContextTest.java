package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nodescope.instrumentation.propagation.LogContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a log record's context map becomes, with and without a current span. */
class LogContextTest {

    private static final Span SPAN = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
            TraceFlags.getSampled(), TraceState.getDefault()));

    @Test
    void aCurrentSpansIdsJoinACopyOfTheMap() {
        Map<String, String> mdc = Map.of("user", "alice");
        try (Scope ignored = SPAN.makeCurrent()) {
            assertEquals(Map.of("user", "alice", "trace_id", "0af7651916cd43dd8448eb211c80319c", "span_id", "b7ad6b7169203331",
                    "trace_flags", "01"), LogContext.withTrace(mdc));
            assertEquals(Map.of("trace_id", "0af7651916cd43dd8448eb211c80319c", "span_id", "b7ad6b7169203331", "trace_flags", "01"),
                    LogContext.withTrace(null), "an empty MDC reads as null");
        }
        assertEquals(Map.of("user", "alice"), mdc, "the node's map is not changed");
    }

    @Test
    void withoutASpanOrWithTheNodesOwnTraceIdTheMapIsReturnedAsItIs() {
        Map<String, String> mdc = Map.of("user", "alice");
        assertSame(mdc, LogContext.withTrace(mdc));
        assertNull(LogContext.withTrace(null));
        Map<String, String> own = Map.of("trace_id", "from-the-node");
        try (Scope ignored = SPAN.makeCurrent()) {
            assertSame(own, LogContext.withTrace(own));
            Object notAMap = "text";
            assertSame(notAMap, LogContext.withTrace(notAMap));
        }
    }
}
