package io.nodescope.agent.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sampler = "keep_errors"} in the SDK: what reaches the export side, and when. */
class TraceDecisionsTest {

    private final EndedSpans exported = new EndedSpans();
    private final CounterPoint overflow = new CounterPoint();

    @Test
    void aTraceWithAnErrorSpanIsExportedWholeWhenItsRootEndsEvenAtRatioZero() {
        Tracer tracer = tracer(0.0, TraceDecisions.MAX_WAITING_SPANS);
        Span root = tracer.spanBuilder("command.publish").startSpan();
        try (Scope ignored = root.makeCurrent()) {
            tracer.spanBuilder("repository.insert").startSpan().end();
            tracer.spanBuilder("triple_store.insert").startSpan().setStatus(StatusCode.ERROR).end();
        }
        assertEquals(List.of(), exported.names(), "nothing leaves before the root ends");
        root.end();
        assertEquals(List.of("repository.insert", "triple_store.insert", "command.publish"), exported.names());
        assertTrue(exported.spans.stream().allMatch(span -> span.getSpanContext().isSampled()), "exported as sampled");
        assertTrue(exported.spans.stream().allMatch(span -> span.getTraceId().equals(root.getSpanContext().getTraceId())));
    }

    @Test
    void tracesInTheRatioAreSampledFromTheStartTheOthersDroppedWithoutErrors() {
        Tracer none = tracer(0.0, TraceDecisions.MAX_WAITING_SPANS);
        okTrace(none);
        assertEquals(List.of(), exported.names());
        Tracer all = tracer(1.0, TraceDecisions.MAX_WAITING_SPANS);
        Span root = all.spanBuilder("root").startSpan();
        assertTrue(root.getSpanContext().isSampled(), "a trace in the ratio says so to peers at once");
        try (Scope ignored = root.makeCurrent()) {
            all.spanBuilder("child").startSpan().end();
        }
        assertEquals(List.of("child"), exported.names(), "a trace in the ratio is not held");
        root.end();
        assertEquals(List.of("child", "root"), exported.names());
    }

    @Test
    void aRemoteParentsDecisionIsFollowedAtOnce() {
        Tracer tracer = tracer(0.0, TraceDecisions.MAX_WAITING_SPANS);
        Span served = tracer.spanBuilder("peer.serve").setParent(remote(true)).startSpan();
        try (Scope ignored = served.makeCurrent()) {
            tracer.spanBuilder("child").startSpan().end();
        }
        assertEquals(List.of("child"), exported.names(), "a sampled remote trace is not held");
        served.end();
        Span dropped = tracer.spanBuilder("peer.serve").setParent(remote(false)).startSpan();
        try (Scope ignored = dropped.makeCurrent()) {
            Span failing = tracer.spanBuilder("failing").startSpan();
            assertTrue(!failing.isRecording(), "a trace dropped upstream is not recorded here, errors or not");
            failing.setStatus(StatusCode.ERROR).end();
        }
        dropped.end();
        assertEquals(List.of("child", "peer.serve"), exported.names());
    }

    @Test
    void spansPastTheBufferAreDroppedAndCountedTheRestOfTheTraceStillArrives() {
        Tracer tracer = tracer(0.0, 2);
        Span root = tracer.spanBuilder("root").startSpan();
        try (Scope ignored = root.makeCurrent()) {
            tracer.spanBuilder("one").startSpan().end();
            tracer.spanBuilder("two").startSpan().end();
            tracer.spanBuilder("three").startSpan().setStatus(StatusCode.ERROR).end();
        }
        root.end();
        assertEquals(1, overflow.value());
        assertEquals(List.of("one", "two", "root"), exported.names(), "the error of a span that found no room still keeps its trace");
    }

    @Test
    void aSpanEndingAfterItsRootFollowsTheTracesDecision() {
        Tracer tracer = tracer(0.0, TraceDecisions.MAX_WAITING_SPANS);
        Span root = tracer.spanBuilder("root").startSpan();
        Span late;
        try (Scope ignored = root.makeCurrent()) {
            late = tracer.spanBuilder("handed-off").startSpan();
            tracer.spanBuilder("failed").startSpan().setStatus(StatusCode.ERROR).end();
        }
        root.end();
        late.end();
        assertEquals(List.of("failed", "root", "handed-off"), exported.names());
    }

    private static void okTrace(Tracer tracer) {
        Span root = tracer.spanBuilder("root").startSpan();
        try (Scope ignored = root.makeCurrent()) {
            tracer.spanBuilder("child").startSpan().end();
        }
        root.end();
    }

    private Tracer tracer(double ratio, int maxWaitingSpans) {
        TraceDecisions decisions = new TraceDecisions(exported, overflow, maxWaitingSpans);
        return SdkTracerProvider.builder().setSampler(new KeepErrorsSampler(ratio, decisions)).addSpanProcessor(decisions).build().get("test");
    }

    private static Context remote(boolean sampled) {
        SpanContext parent = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return Context.root().with(Span.wrap(parent));
    }
}
