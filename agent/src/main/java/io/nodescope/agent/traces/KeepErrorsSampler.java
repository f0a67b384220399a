package io.nodescope.agent.traces;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The start-time half of {@code sampler = "keep_errors"}: a trace begun here is recorded but not
 * yet sampled, so that {@link TraceDecisions} can decide when its local root ends, once it knows
 * whether a span failed. A remote parent's decision is followed as it is, so a trace sampled
 * upstream arrives whole and one dropped upstream costs nothing here.
 */
final class KeepErrorsSampler implements Sampler {

    private final TraceDecisions decisions;

    KeepErrorsSampler(TraceDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind, Attributes attributes,
            List<LinkData> parentLinks) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        if (!parent.isValid()) {
            return SamplingResult.recordOnly();
        }
        if (parent.isSampled()) {
            return SamplingResult.recordAndSample();
        }
        // Unsampled: a trace begun here that awaits its decision, or one a remote parent dropped.
        return !parent.isRemote() && decisions.awaits(traceId) ? SamplingResult.recordOnly() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "KeepErrorsSampler{" + decisions.description() + "}";
    }
}
