package io.nodescope.agent.traces;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An ended span of a trace kept after its decision, handed on to export as sampled: it was
 * recorded unsampled while the decision was open, and the batch processor exports sampled spans only.
 */
final class KeptSpan implements ReadableSpan {

    private final SpanData data;

    KeptSpan(SpanData recorded) {
        SpanContext context = recorded.getSpanContext();
        SpanContext sampled = SpanContext.create(context.getTraceId(), context.getSpanId(), TraceFlags.getSampled(), context.getTraceState());
        this.data = new DelegatingSpanData(recorded) {
            @Override
            public SpanContext getSpanContext() {
                return sampled;
            }
        };
    }

    @Override
    public SpanContext getSpanContext() {
        return data.getSpanContext();
    }

    @Override
    public SpanContext getParentSpanContext() {
        return data.getParentSpanContext();
    }

    @Override
    public String getName() {
        return data.getName();
    }

    @Override
    public SpanData toSpanData() {
        return data;
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return data.getInstrumentationLibraryInfo();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return data.getInstrumentationScopeInfo();
    }

    @Override
    public boolean hasEnded() {
        return true;
    }

    @Override
    public long getLatencyNanos() {
        return data.getEndEpochNanos() - data.getStartEpochNanos();
    }

    @Override
    public SpanKind getKind() {
        return data.getKind();
    }

    @Override
    public <T> T getAttribute(AttributeKey<T> key) {
        return data.getAttributes().get(key);
    }

    @Override
    public Attributes getAttributes() {
        return data.getAttributes();
    }
}
