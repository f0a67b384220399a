package io.nodescope.agent.traces;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Hands sampled spans to the batch processor only while the budget has room. The batch processor
 * (its classes, queue and thread: 7–12 ms of the agent's start) is made only at {@link #open()},
 * once the node's start has settled, or when the provider is flushed or shut down first; the spans
 * ended before wait here, within the same budget, and are handed to it then.
 */
final class BudgetedSpanProcessor implements SpanProcessor {

    private final Supplier<SpanProcessor> makeBatch;
    private final ExportBudget budget;
    private final Queue<ReadableSpan> waiting = new ConcurrentLinkedQueue<>();
    private volatile SpanProcessor batch;

    BudgetedSpanProcessor(Supplier<SpanProcessor> makeBatch, ExportBudget budget) {
        this.makeBatch = makeBatch;
        this.budget = budget;
    }

    /** Makes the batch processor, if not yet, and hands it the spans that waited. */
    void open() {
        batch();
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        // The batch processor does nothing when a span starts.
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled() || !budget.admit()) {
            return;
        }
        SpanProcessor made = batch;
        if (made != null) {
            made.onEnd(span);
            return;
        }
        waiting.add(span);
        made = batch;
        if (made != null) {
            handOver(made);  // made while this span was added: it may have missed it
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return batch().shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return batch().forceFlush();
    }

    private synchronized SpanProcessor batch() {
        if (batch == null) {
            batch = makeBatch.get();
        }
        handOver(batch);
        return batch;
    }

    private void handOver(SpanProcessor made) {
        for (ReadableSpan span = waiting.poll(); span != null; span = waiting.poll()) {
            made.onEnd(span);
        }
    }
}
