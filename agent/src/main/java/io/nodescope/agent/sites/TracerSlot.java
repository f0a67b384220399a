package io.nodescope.agent.sites;

import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.Spans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * The tracer spans are made with. The OpenTelemetry SDK starts on the agent's thread once the rules
 * are in place, off the node's startup path; until it has, calls are measured but open no span,
 * and each span not opened is counted.
 */
public final class TracerSlot implements Spans {

    private final ExceptionEvent exceptions;
    private final MetricPoints.Counter beforeStart;
    private volatile Tracer tracer;

    /** {@code attributes} says which attributes of an exception event are dropped or hashed; {@code beforeStart} counts spans not opened. */
    public TracerSlot(SpanAttributePolicy attributes, MetricPoints.Counter beforeStart) {
        this.exceptions = new ExceptionEvent(attributes);
        this.beforeStart = beforeStart;
    }

    public void fill(Tracer ready) {
        tracer = ready;
    }

    @Override
    public Tracer tracer() {
        return tracer;
    }

    @Override
    public void notOpened() {
        beforeStart.increment();
    }

    @Override
    public void recordException(Span span, Throwable thrown) {
        exceptions.record(span, thrown);
    }
}
