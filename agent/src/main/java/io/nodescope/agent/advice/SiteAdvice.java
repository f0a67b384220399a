package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * The code inlined into every instrumented method. It refers only to the bootstrap dispatch, so
 * it links in any class loader; everything else is decided by the site behind the number.
 */
final class SiteAdvice {

    private SiteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@SiteId int site,
            @Advice.This(optional = true) Object self,
            @Arguments Object[] arguments,
            @Advice.Local("nodescopeArguments") Object[] capturedArguments,
            @Advice.Local("nodescopeState") Object state,
            @Advice.Local("nodescopeStart") long start) {
        capturedArguments = arguments;
        state = Dispatch.enter(site, self, arguments);
        start = System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@SiteId int site,
            @Advice.This(optional = true) Object self,
            @ReturnValue Object returned,
            @Advice.Thrown Throwable thrown,
            @Advice.Local("nodescopeArguments") Object[] capturedArguments,
            @Advice.Local("nodescopeState") Object state,
            @Advice.Local("nodescopeStart") long start) {
        Dispatch.exit(site, start, state, self, capturedArguments, returned, thrown);
    }
}
