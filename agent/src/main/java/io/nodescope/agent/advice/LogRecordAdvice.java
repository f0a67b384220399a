package io.nodescope.agent.advice;

import io.nodescope.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a method a log record passes: the record, unchanged, goes to the log export; a
 * framework that passes it on through the same method again (Log4j 2's parent logger configs) sends
 * it only from the outermost call.
 */
final class LogRecordAdvice {

    private LogRecordAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object record) {
        Dispatch.logRecord(record);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit() {
        Dispatch.logRecordPassed();
    }
}
