package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;

/**
 * A method that gives a log record its context map: its advice adds the current trace to the map
 * it returns, so a layout prints {@code trace_id} and {@code span_id}. No site, no span, no metrics.
 */
public final class LogContextKind extends Kind {

    public LogContextKind() {
        super("log_context", null, null, SpanSide.INSIDE);
    }

    @Override
    public boolean changesReturnValue() {
        return true;
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        throw new UnsupportedOperationException(name() + " rules change the return value in their advice; they bind no site");
    }

    @Override
    public boolean actsBeforeSignals() {
        return false;
    }
}
