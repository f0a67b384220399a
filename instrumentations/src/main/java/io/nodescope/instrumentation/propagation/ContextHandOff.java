package io.nodescope.instrumentation.propagation;

import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;

/** Wraps a task so that the thread that runs it continues the trace of the thread that handed it over. */
public final class ContextHandOff {

    private ContextHandOff() {
    }

    /** Unchanged when no span is current (nothing to continue) or the task is neither Runnable nor Callable. */
    public static Object wrap(Object task) {
        Context context = Context.current();
        if (context == Context.root()) {
            return task;
        }
        if (task instanceof Runnable) {
            return context.wrap((Runnable) task);
        }
        if (task instanceof Callable) {
            return context.wrap((Callable<?>) task);
        }
        return task;
    }
}
