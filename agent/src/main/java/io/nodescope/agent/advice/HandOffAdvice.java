package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into methods that hand a task to another thread: the task argument is replaced by one
 * that runs in the caller's trace context. When anything goes wrong the task stays as it was.
 */
final class HandOffAdvice {

    private HandOffAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
        task = Dispatch.handOff(task);
    }
}
