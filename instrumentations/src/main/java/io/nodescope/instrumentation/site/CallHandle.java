package io.nodescope.instrumentation.site;

/**
 * Everything one instrumented method's calls need, bound once when its class is transformed: the
 * data points, value readers, span name and kind. Implementations never throw on purpose; the
 * dispatch counts whatever escapes and lets the call go on.
 */
public interface CallHandle {

    /**
     * Whether {@link #enter} does anything for this method (opens a span, continues a trace); when
     * not, the dispatch does not call it, and a metrics-only call does its work at exit alone.
     */
    boolean worksOnEntry();

    /** Called on method entry; returns what the exit needs (an open span), or null. */
    Object enter(Object self, Object[] arguments);

    /** Called on method exit, normal or exceptional; {@code state} is what {@link #enter} returned. */
    void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown);

    /** Whether the advice must hand over the arguments array; false spares an allocation per call. */
    boolean readsArguments();

    /** Whether the advice must hand over the return value; false spares boxing a primitive. */
    boolean readsReturn();
}
