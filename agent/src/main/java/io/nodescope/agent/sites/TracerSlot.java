package io.nodescope.agent.sites;

import io.opentelemetry.api.trace.Tracer;

/**
 * The tracer spans are made with. The OpenTelemetry SDK starts in the background, off the node's
 * startup path; until it has, calls are measured but open no span.
 */
public final class TracerSlot {

    private volatile Tracer tracer;

    public void fill(Tracer ready) {
        tracer = ready;
    }

    Tracer tracer() {
        return tracer;
    }
}
