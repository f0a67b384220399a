package io.nodescope.instrumentation.site;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** The span a call opened, the context scope that makes it the parent of nested calls, and the call's series. */
final class CallSpan {

    final Span span;
    final Scope scope;
    /** Null when the subject is read from the return value and so known only at exit. */
    final SubjectHandle.Series series;

    CallSpan(Span span, Scope scope, SubjectHandle.Series series) {
        this.span = span;
        this.scope = scope;
        this.series = series;
    }
}
