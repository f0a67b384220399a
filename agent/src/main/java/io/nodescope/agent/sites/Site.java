package io.nodescope.agent.sites;

import io.nodescope.instrumentation.site.CallHandle;

/** One instrumented method and the handle its calls run through, before it has a number. */
public final class Site {

    final MethodShape method;
    final CallHandle handle;

    Site(MethodShape method, CallHandle handle) {
        this.method = method;
        this.handle = handle;
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
