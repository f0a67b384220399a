package io.nodescope.agent.sites;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * One instrumented method and every rule that selected it. The first rule whose kind opens a
 * span opens the method's span; every rule records its metrics.
 */
public final class Site {

    private final MethodShape method;
    private final RuleBinding[] bindings;
    private final RuleBinding spanning;
    private final RuleBinding extracting;
    private final TracerSlot tracer;
    private final ExceptionEvent exceptions;

    /** {@code tracer} is null when traces are off. */
    Site(MethodShape method, List<RuleBinding> bindings, TracerSlot tracer, ExceptionEvent exceptions) {
        this.method = method;
        this.bindings = bindings.toArray(new RuleBinding[0]);
        this.spanning = tracer == null ? null : bindings.stream().filter(RuleBinding::opensSpan).findFirst().orElse(null);
        this.extracting = tracer == null ? null : bindings.stream().filter(RuleBinding::continuesTrace).findFirst().orElse(null);
        this.tracer = tracer;
        this.exceptions = exceptions;
    }

    public MethodShape method() {
        return method;
    }

    /** Whether the advice must hand over the arguments array; false spares an allocation per call. */
    public boolean readsArguments() {
        for (RuleBinding binding : bindings) {
            if (binding.readsArguments(binding == spanning)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the advice must hand over the return value; false spares boxing a primitive. */
    public boolean readsReturn() {
        for (RuleBinding binding : bindings) {
            if (binding.readsReturn(binding == spanning)) {
                return true;
            }
        }
        return false;
    }

    Object enter(Object self, Object[] arguments) {
        if (spanning == null && extracting == null) {
            return null;
        }
        Tracer ready = tracer.tracer();
        if (ready == null) {
            return null;
        }
        Scope extracted = extracting == null ? null : continueCallersTrace(self, arguments);
        if (spanning == null) {
            return extracted == null ? null : new SpanScope(null, null, null, extracted);
        }
        SubjectSeries series = spanning.subjectReadsReturn() ? null : spanning.series(self, arguments, null);
        Span span = ready.spanBuilder(series == null ? spanning.pendingSpanName() : series.spanName())
                .setSpanKind(spanKind(Span.current().getSpanContext().isRemote())).startSpan();
        if (span.isRecording()) {
            if (series != null) {
                spanning.setSubject(span, series);
            }
            spanning.setAttributes(span, self, arguments, null, false);
        }
        Scope scope = span.makeCurrent();
        return new SpanScope(span, scope, series, extracted);
    }

    /** OpenTelemetry's span kind for the spanning rule, {@code SERVER} where a call from another node enters. */
    private SpanKind spanKind(boolean remoteParent) {
        SpanSide side = spanning.spanSide();
        if (side == SpanSide.QUERY) {
            return SpanKind.CLIENT;
        }
        return remoteParent ? SpanKind.SERVER : side == SpanSide.PEER_CALL ? SpanKind.CLIENT : SpanKind.INTERNAL;
    }

    private Scope continueCallersTrace(Object self, Object[] arguments) {
        Object headers = extracting.carrier(self, arguments);
        if (headers == null) {
            return null;
        }
        Context context = TraceHeaders.extract(headers);
        return context == Context.current() ? null : context.makeCurrent();
    }

    void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown) {
        long nanos = System.nanoTime() - startNanos;
        boolean ok = thrown == null;
        SpanScope scope = (SpanScope) state;
        SpanContext trace = scope == null || scope.span == null ? null : sampled(scope.span.getSpanContext());
        try {
            for (RuleBinding binding : bindings) {
                SubjectSeries series = scope != null && binding == spanning && scope.series != null
                        ? scope.series : binding.series(self, arguments, returned);
                series.record(ok, nanos, self, arguments, returned, trace);
            }
        } finally {
            // Always leave the context as it was, or every later span on this thread gets a wrong parent.
            if (scope != null && scope.span != null) {
                endSpan(scope, self, arguments, returned, thrown);
            }
            if (scope != null && scope.extracted != null) {
                scope.extracted.close();
            }
        }
    }

    private static SpanContext sampled(SpanContext context) {
        return context.isSampled() ? context : null;
    }

    private void endSpan(SpanScope scope, Object self, Object[] arguments, Object returned, Throwable thrown) {
        Span span = scope.span;
        try {
            if (span.isRecording()) {
                if (scope.series == null) {
                    SubjectSeries series = spanning.series(self, arguments, returned);
                    span.updateName(series.spanName());
                    spanning.setSubject(span, series);
                }
                spanning.setAttributes(span, self, arguments, returned, true);
                span.setAttribute(Kind.STATUS, thrown == null ? "ok" : "error");
                if (thrown != null) {
                    exceptions.record(span, thrown);
                    span.setStatus(StatusCode.ERROR, thrown.getClass().getName());
                }
            }
        } finally {
            scope.scope.close();
            span.end();
        }
    }
}
