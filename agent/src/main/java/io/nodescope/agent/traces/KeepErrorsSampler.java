package io.nodescope.agent.traces;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The start-time half of {@code sampler = "keep_errors"}. A trace begun here whose id falls in the
 * ratio is sampled at once, as the ratio sampler would (so the {@code traceparent} sent to peers
 * says sampled and they keep their part); any other is recorded unsampled, so that
 * {@link TraceDecisions} can keep it when its local root ends if a span failed. A remote parent's
 * decision is followed as it is: a trace sampled upstream arrives whole, one dropped upstream
 * costs nothing here, errors or not.
 */
final class KeepErrorsSampler implements Sampler {

    private final Sampler ratio;
    private final TraceDecisions decisions;

    KeepErrorsSampler(double ratio, TraceDecisions decisions) {
        this.ratio = Tracing.ratio(ratio);
        this.decisions = decisions;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind, Attributes attributes,
            List<LinkData> parentLinks) {
        SpanContext parent = Span.fromContext(parentContext).getSpanContext();
        if (!parent.isValid()) {
            boolean inRatio = ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks).getDecision()
                    == SamplingDecision.RECORD_AND_SAMPLE;
            return inRatio ? SamplingResult.recordAndSample() : SamplingResult.recordOnly();
        }
        if (parent.isSampled()) {
            return SamplingResult.recordAndSample();
        }
        // Unsampled: a trace begun here that awaits its decision, or one a remote parent dropped.
        return !parent.isRemote() && decisions.awaits(traceId) ? SamplingResult.recordOnly() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
        return "KeepErrorsSampler{errors, and " + ratio.getDescription() + "}";
    }
}
