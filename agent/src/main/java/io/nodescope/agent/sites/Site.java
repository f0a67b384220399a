package io.nodescope.agent.sites;

import io.nodescope.instrumentation.site.CallHandle;

/** One instrumented method and the handle its calls run through, before it has a number. */
public final class Site {

    final MethodShape method;
    final CallHandle handle;
    /** Where the thread's state counts calls of each kind whose rules here record the outermost call only. */
    final int[] outermostSlots;

    Site(MethodShape method, CallHandle handle, int[] outermostSlots) {
        this.method = method;
        this.handle = handle;
        this.outermostSlots = outermostSlots;
    }

    /** Whether the advice must hand over the arguments array; false spares an allocation per call. */
    public boolean readsArguments() {
        return handle.readsArguments();
    }

    /** Whether the advice must hand over the return value; false spares boxing a primitive. */
    public boolean readsReturn() {
        return handle.readsReturn();
    }
}
