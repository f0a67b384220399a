package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;

/**
 * A method whose first argument travels on to another thread or node (a task handed to an
 * executor, a request sent): its advice replaces the argument by one carrying the caller's trace.
 * No site, no span, no metrics.
 */
public final class ArgumentKind extends Kind {

    public ArgumentKind(String name) {
        super(name, null, null, SpanSide.INSIDE);
    }

    @Override
    public boolean changesFirstArgument() {
        return true;
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        throw new UnsupportedOperationException(name() + " rules change the first argument in their advice; they bind no site");
    }

    @Override
    public boolean actsBeforeSignals() {
        return false;
    }
}
