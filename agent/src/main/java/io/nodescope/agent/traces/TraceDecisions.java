package io.nodescope.agent.traces;

import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-time half of {@code sampler = "keep_errors"}: the ended spans of a trace begun here and
 * left unsampled by {@link KeepErrorsSampler} wait until its local root ends; then the whole trace
 * goes to export when any of its spans has the error status, and is dropped otherwise. Sampled
 * spans (in the ratio, or sampled by a remote parent) pass straight through.
 *
 * <p>Memory is bounded: at most {@link #MAX_WAITING_SPANS} ended spans and as many open traces
 * wait at once; a span or trace past that is dropped and counted in the overflow counter. The last
 * {@link #REMEMBERED_DECISIONS} decisions are kept, so that a span ending after its local root
 * (work handed to another thread) follows the decision its trace got.
 */
final class TraceDecisions implements SpanProcessor {

    static final int MAX_WAITING_SPANS = 2048;
    static final int REMEMBERED_DECISIONS = 4096;

    private final SpanProcessor next;
    private final CounterPoint overflow;
    private final int maxWaitingSpans;
    /** By trace id, in the order their roots started. Guarded by {@code this}, as are the fields below. */
    private final Map<String, Waiting> open = new LinkedHashMap<>();
    private final Map<String, Boolean> decided = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_DECISIONS;
        }
    };
    private int waitingSpans;

    TraceDecisions(SpanProcessor next, CounterPoint overflow) {
        this(next, overflow, MAX_WAITING_SPANS);
    }

    TraceDecisions(SpanProcessor next, CounterPoint overflow, int maxWaitingSpans) {
        this.next = next;
        this.overflow = overflow;
        this.maxWaitingSpans = maxWaitingSpans;
    }

    /** The ended spans of one trace whose local root is still open. */
    private static final class Waiting {
        final List<SpanData> spans = new ArrayList<>();
        boolean failed;
    }

    /** Whether a span of this trace is recorded for a decision: the trace was begun here and is open or recently decided. */
    synchronized boolean awaits(String traceId) {
        return open.containsKey(traceId) || decided.containsKey(traceId);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (!span.getSpanContext().isSampled() && !span.getParentSpanContext().isValid()) {
            opened(span.getSpanContext().getTraceId());
        }
        next.onStart(parentContext, span);
    }

    private synchronized void opened(String traceId) {
        if (open.size() >= maxWaitingSpans) {
            overflow.increment();
        } else {
            open.put(traceId, new Waiting());
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanContext context = span.getSpanContext();
        if (context.isSampled()) {
            next.onEnd(span);
            return;
        }
        for (SpanData kept : ended(span.toSpanData(), !span.getParentSpanContext().isValid())) {
            next.onEnd(new KeptSpan(kept));
        }
    }

    /** What to export now that {@code span} ended: nothing while its trace is open, the whole trace once kept. */
    private synchronized List<SpanData> ended(SpanData span, boolean root) {
        String traceId = span.getTraceId();
        Boolean keep = decided.get(traceId);
        if (keep != null) {
            return keep ? List.of(span) : List.of();
        }
        Waiting trace = open.get(traceId);
        if (trace == null) {
            // Its root found no room: the trace was dropped and counted then.
            return List.of();
        }
        trace.failed |= span.getStatus().getStatusCode() == StatusCode.ERROR;
        if (!root) {
            if (waitingSpans >= maxWaitingSpans) {
                overflow.increment();
            } else {
                trace.spans.add(span);
                waitingSpans++;
            }
            return List.of();
        }
        open.remove(traceId);
        waitingSpans -= trace.spans.size();
        boolean kept = trace.failed;
        decided.put(traceId, kept);
        if (!kept) {
            return List.of();
        }
        trace.spans.add(span);
        return trace.spans;
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return next.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return next.forceFlush();
    }
}
