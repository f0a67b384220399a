package io.nodescope.bootstrap;

/**
 * The only class inlined advice refers to. It lives in the bootstrap class loader so that code in
 * every class loader, the JDK's included, resolves the same class and so the same handler. It
 * declares no nested class, so the agent can define the bootstrap classes in any order.
 */
public final class Dispatch {

    private static volatile CallHandler handler;

    private Dispatch() {
    }

    /** Installed once by the agent before any class is transformed. */
    public static void install(CallHandler installed) {
        handler = installed;
    }

    public static Object enter(int site, Object self, Object[] args) {
        CallHandler current = handler;
        return current == null ? null : current.enter(site, self, args);
    }

    /** The task, or the task carrying the caller's trace context to whichever thread runs it. */
    public static Object handOff(Object task) {
        CallHandler current = handler;
        return current == null ? task : current.handOff(task);
    }

    /** The request, or a request carrying the caller's trace context to the node it goes to. */
    public static Object inject(Object request) {
        CallHandler current = handler;
        return current == null ? request : current.inject(request);
    }

    /** The log record's context map, or a copy of it carrying the current trace. */
    public static Object logContext(Object context) {
        CallHandler current = handler;
        return current == null ? context : current.logContext(context);
    }

    /** A log record the node wrote, for the log export. */
    public static void logRecord(Object record) {
        CallHandler current = handler;
        if (current != null) {
            current.logRecord(record);
        }
    }

    public static void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        CallHandler current = handler;
        if (current != null) {
            current.exit(site, startNanos, state, self, args, returned, thrown);
        }
    }
}
