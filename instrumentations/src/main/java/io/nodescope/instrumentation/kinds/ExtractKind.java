package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.propagation.TraceHeaders;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.Spans;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A method that receives a request from another node: it runs in the trace context read from
 * {@code values.carrier}, the request's headers as a map (W3C traceparent), so that spans of what
 * it calls continue the caller's trace. No span, no metrics.
 */
public final class ExtractKind extends Kind {

    private final String carrierKey = reads("carrier", false);

    public ExtractKind() {
        super("extract", null, null, SpanSide.INSIDE);
    }

    @Override
    public boolean continuesCallersTrace() {
        return true;
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(site.spans(), site.value(carrierKey).orElse(ValueReader.ABSENT));
    }

    private static final class Handle implements CallHandle {
        private final Spans spans;
        private final ValueReader carrier;

        Handle(Spans spans, ValueReader carrier) {
            this.spans = spans;
            this.carrier = carrier;
        }

        @Override
        public boolean worksOnEntry() {
            return spans != Spans.OFF;
        }

        /** The caller's context made current, or null when traces are off or the request names none. */
        @Override
        public Object enter(Object self, Object[] arguments) {
            if (spans.tracer() == null) {
                return null;
            }
            Object headers = carrier.readObject(self, arguments, null);
            if (headers == null) {
                return null;
            }
            Context context = TraceHeaders.extract(headers);
            return context == Context.current() ? null : context.makeCurrent();
        }

        @Override
        public void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown) {
            if (state != null) {
                ((Scope) state).close();
            }
        }

        @Override
        public boolean readsArguments() {
            return spans != Spans.OFF && carrier.readsArguments();
        }

        @Override
        public boolean readsReturn() {
            return false;
        }
    }

    @Override
    public boolean actsBeforeSignals() {
        return false;
    }
}
