package io.nodescope.agent.traces;

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
    private final ExportBudget budget;
    private final String endpoint;

    CountingSpanExporter(SpanExporter delegate, CounterPoint failures, ExportBudget budget, String endpoint) {
        this.delegate = delegate;
        this.failures = failures;
        this.budget = budget;
        this.endpoint = endpoint;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result = delegate.export(spans);
        budget.releaseWhenDone(result, spans.size(), "spans", failures, endpoint);
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
