package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into methods that send a request to another node: the request argument is replaced by
 * one carrying the caller's trace context. When anything goes wrong the request stays as it was.
 */
final class InjectAdvice {

    private InjectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
        request = Dispatch.inject(request);
    }
}
