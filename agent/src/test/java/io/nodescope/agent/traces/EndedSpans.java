package io.nodescope.agent.traces;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Stands for the batch processor: takes the sampled spans as they end. */
final class EndedSpans implements SpanProcessor {

    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    List<String> names() {
        return spans.stream().map(SpanData::getName).collect(Collectors.toList());
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
            spans.add(span.toSpanData());
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
