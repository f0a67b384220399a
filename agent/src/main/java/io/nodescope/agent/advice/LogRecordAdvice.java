package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into the method every log record passes: the record, unchanged, goes to the log export. */
final class LogRecordAdvice {

    private LogRecordAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object record) {
        Dispatch.logRecord(record);
    }
}
