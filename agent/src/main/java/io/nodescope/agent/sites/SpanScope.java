package io.nodescope.agent.sites;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** The span a call opened and the context scope that makes it the parent of nested calls. */
final class SpanScope {

    final Span span;
    final Scope scope;
    /** Null when the subject is read from the return value and so known only at exit. */
    final SubjectSeries series;

    SpanScope(Span span, Scope scope, SubjectSeries series) {
        this.span = span;
        this.scope = scope;
        this.series = series;
    }
}
