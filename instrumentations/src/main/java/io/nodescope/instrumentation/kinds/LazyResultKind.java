package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.LazyCalls;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.ValueReader;
import java.util.NoSuchElementException;

/**
 * Not a kind a rule names: the agent's watch on the methods that use up, close or fail a lazy result
 * ({@code hasNext}, {@code next}, {@code forEachRemaining}, {@code close}), added for the rules
 * that say {@code lazy}. It records nothing itself; it ends the calls waiting for the object.
 */
public final class LazyResultKind extends Kind {

    /** The value that says which method a watch is on: one of the names below. */
    public static final String METHOD = "method";
    public static final String HAS_NEXT = "hasNext";
    public static final String NEXT = "next";
    public static final String FOR_EACH_REMAINING = "forEachRemaining";
    public static final String CLOSE = "close";

    public LazyResultKind() {
        super("lazy_result", null, null, SpanSide.INSIDE);
        reads(METHOD, false);
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Watch(site.value(METHOD).map(ValueReader::constant).orElse(CLOSE));
    }

    private static final class Watch implements CallHandle {
        private final boolean hasNext;
        private final boolean next;

        Watch(String method) {
            this.hasNext = HAS_NEXT.equals(method);
            this.next = NEXT.equals(method);
        }

        @Override
        public boolean worksOnEntry() {
            return false;
        }

        @Override
        public Object enter(Object self, Object[] arguments) {
            return null;
        }

        @Override
        public void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown) {
            if (hasNext && thrown == null && Boolean.TRUE.equals(returned) || next && thrown == null) {
                LazyCalls.used(self);
            } else {
                // A next() past the end is the result used up, not a failed query.
                LazyCalls.ended(self, thrown instanceof NoSuchElementException ? null : thrown);
            }
        }

        @Override
        public boolean readsArguments() {
            return false;
        }

        @Override
        public boolean readsReturn() {
            return hasNext;
        }
    }
}
