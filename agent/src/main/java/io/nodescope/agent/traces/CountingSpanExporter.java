package io.nodescope.agent.traces;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Counts batches the backend did not take, warns about them at most once a minute, and gives the
 * spans' room back to the budget once each export has finished.
 */
final class CountingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final CounterPoint failures;
    private final SpanBudget budget;
    private final String endpoint;

    CountingSpanExporter(SpanExporter delegate, CounterPoint failures, SpanBudget budget, String endpoint) {
        this.delegate = delegate;
        this.failures = failures;
        this.budget = budget;
        this.endpoint = endpoint;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            budget.release(spans.size());
            if (!result.isSuccess()) {
                failures.increment();
                Throwable cause = result.getFailureThrowable();
                AgentLog.warnLimited("export", "could not export " + spans.size() + " spans to " + endpoint
                        + (cause == null ? "" : ": " + cause) + "; the node is unaffected and spans are dropped until the backend answers");
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
