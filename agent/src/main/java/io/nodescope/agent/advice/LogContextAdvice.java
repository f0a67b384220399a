package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the method that gives a log record its context map: the map returned is replaced by
 * a copy carrying the current trace's ids. When anything goes wrong the map stays as it was.
 */
final class LogContextAdvice {

    private LogContextAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object context) {
        context = Dispatch.logContext(context);
    }
}
