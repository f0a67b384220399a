package io.nodescope.instrumentation.site;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/** Where a site's spans come from; {@link #OFF} when traces are off or another rule on the method opens its span. */
public interface Spans {

    Spans OFF = new Spans() {
        @Override
        public Tracer tracer() {
            return null;
        }

        @Override
        public void recordException(Span span, Throwable thrown) {
        }
    };

    /** The tracer; null while the OpenTelemetry SDK is still starting (calls are then measured but open no span), and when off. */
    Tracer tracer();

    /** A span was not opened because {@link #tracer()} was null while the SDK started; counted, when traces are on. */
    default void notOpened() {
    }

    /** Records a thrown exception on the span as its {@code exception} event, under the operator's attribute policy. */
    void recordException(Span span, Throwable thrown);
}
