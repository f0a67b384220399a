package io.nodescope.bootstrap;

/**
 * What the agent installs behind {@link Dispatch}. Implementations must never throw: advice
 * suppresses throwables as a last resort, but a handler counts and swallows its own errors.
 */
public interface CallHandler {

    /** Called on method entry; returns the per-call state the exit needs (a span scope), or null. */
    Object enter(int site, Object self, Object[] args);

    /**
     * Called before a Runnable or Callable is handed to another thread (an executor's execute);
     * returns it wrapped so that it runs in the caller's trace context, or unchanged.
     */
    Object handOff(Object task);

    /**
     * Called before a request leaves for another node; returns it, or a copy of it, with the
     * caller's trace context in its headers.
     */
    Object inject(Object request);

    /**
     * Called when a logging framework takes a log record's context map; returns it, or a copy of it
     * with the current trace's ids.
     */
    Object logContext(Object context);

    /** Called with each log record a logging framework is about to write; hands it to the log export. */
    void logRecord(Object record);

    /** Called on method exit, normal or exceptional. */
    void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown);
}
