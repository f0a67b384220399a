package io.nodescope.agent.sites;

import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.instrumentation.site.Spans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * The tracer spans are made with. The OpenTelemetry SDK starts in the background, off the node's
 * startup path; until it has, calls are measured but open no span.
 */
public final class TracerSlot implements Spans {

    private final ExceptionEvent exceptions;
    private volatile Tracer tracer;

    /** {@code attributes} says which attributes of an exception event are dropped or hashed. */
    public TracerSlot(SpanAttributePolicy attributes) {
        this.exceptions = new ExceptionEvent(attributes);
    }

    public void fill(Tracer ready) {
        tracer = ready;
    }

    @Override
    public Tracer tracer() {
        return tracer;
    }

    @Override
    public void recordException(Span span, Throwable thrown) {
        exceptions.record(span, thrown);
    }
}
