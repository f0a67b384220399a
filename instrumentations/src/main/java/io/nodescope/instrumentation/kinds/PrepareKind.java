package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.ValueReader;
import io.nodescope.instrumentation.sql.StatementBinding;
import io.nodescope.instrumentation.sql.StatementTexts;

/**
 * A method that makes a statement object from SQL (JDBC's {@code Connection.prepareStatement}):
 * the SQL its rule names in {@code values.sql} is parsed once and remembered for the object the
 * method returns, so that rules on that object's calls read it as {@code values.sql = "$this"}.
 * Every call is seen, nested ones included: a pool's wrapper and the driver's statement inside it
 * are each remembered. No span, no metrics.
 */
public final class PrepareKind extends Kind {

    private final String sql;

    public PrepareKind() {
        super("prepare", null, null, SpanSide.INSIDE);
        this.sql = reads(StatementBinding.SQL, false);
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(site.value(sql).orElse(ValueReader.ABSENT));
    }

    private static final class Handle implements CallHandle {
        private final ValueReader sql;

        Handle(ValueReader sql) {
            this.sql = sql;
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
            if (thrown == null && returned != null) {
                StatementTexts.remember(returned, sql.readObject(self, arguments, returned));
            }
        }

        @Override
        public boolean readsArguments() {
            return sql.readsArguments();
        }

        @Override
        public boolean readsReturn() {
            return true;
        }
    }
}
