package io.nodescope.bootstrap;

/**
 * The only class inlined advice refers to. It lives on the bootstrap class path so that code in
 * every class loader, the JDK's included, resolves the same class and so the same handler.
 */
public final class Dispatch {

    private static final CallHandler IDLE = new CallHandler() {
        @Override
        public Object enter(int site, Object self, Object[] args) {
            return null;
        }

        @Override
        public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        }
    };

    private static volatile CallHandler handler = IDLE;

    private Dispatch() {
    }

    /** Installed once by the agent before any class is transformed. */
    public static void install(CallHandler installed) {
        handler = installed;
    }

    public static Object enter(int site, Object self, Object[] args) {
        return handler.enter(site, self, args);
    }

    public static void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        handler.exit(site, startNanos, state, self, args, returned, thrown);
    }
}
