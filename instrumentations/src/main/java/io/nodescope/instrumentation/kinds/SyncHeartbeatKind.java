package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints.Gauge;
import io.nodescope.instrumentation.site.SiteBinding;
import java.util.List;

/** A method whose normal return means the sync made progress: the heartbeat gauge is set to that moment. No span. */
public final class SyncHeartbeatKind extends Kind {

    public SyncHeartbeatKind() {
        super("sync_heartbeat", null, null, SpanSide.INSIDE, Catalog.SYNC_LAST_SUCCESS);
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(site.metrics().gauge(Catalog.SYNC_LAST_SUCCESS, List.of()));
    }

    private static final class Handle implements CallHandle {
        private final Gauge lastSuccess;

        Handle(Gauge lastSuccess) {
            this.lastSuccess = lastSuccess;
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
            if (thrown == null) {
                lastSuccess.set(System.currentTimeMillis() / 1000.0);
            }
        }

        @Override
        public boolean readsArguments() {
            return false;
        }

        @Override
        public boolean readsReturn() {
            return false;
        }
    }
}
