package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;

/**
 * A method every log record of a logging framework passes through: its advice hands the record, the
 * first argument, to the log export, unchanged. No site, no span, no metrics.
 */
public final class LogRecordKind extends Kind {

    public LogRecordKind() {
        super("log_record", null, null, SpanSide.INSIDE);
    }

    @Override
    public boolean sendsFirstArgument() {
        return true;
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        throw new UnsupportedOperationException(name() + " rules hand their first argument on in their advice; they bind no site");
    }

    @Override
    public boolean actsBeforeSignals() {
        return false;
    }
}
