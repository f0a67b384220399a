package io.nodescope.agent.sites;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** The span a call opened and the context scope that makes it the parent of nested calls. */
final class SpanScope {

    final Span span;
    final Scope scope;
    /** Null when the subject is read from the return value and so known only at exit. */
    final SubjectSeries series;
    /** The caller's context read from an incoming request, current for the call; null when none. */
    final Scope extracted;

    /** {@code span} and {@code scope} are null when the call only continues a caller's trace. */
    SpanScope(Span span, Scope scope, SubjectSeries series, Scope extracted) {
        this.span = span;
        this.scope = scope;
        this.series = series;
        this.extracted = extracted;
    }
}
