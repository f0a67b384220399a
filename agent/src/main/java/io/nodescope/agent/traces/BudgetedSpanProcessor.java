package io.nodescope.agent.traces;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/** Hands sampled spans to the batch processor only while the budget has room. */
final class BudgetedSpanProcessor implements SpanProcessor {

    private final SpanProcessor batch;
    private final ExportBudget budget;

    BudgetedSpanProcessor(SpanProcessor batch, ExportBudget budget) {
        this.batch = batch;
        this.budget = budget;
    }

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        batch.onStart(parent, span);
    }

    @Override
    public boolean isStartRequired() {
        return batch.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled() && budget.admit()) {
            batch.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return batch.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return batch.forceFlush();
    }
}
