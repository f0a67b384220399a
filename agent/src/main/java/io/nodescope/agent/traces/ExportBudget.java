package io.nodescope.agent.traces;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many ended spans (or log records) are waiting for or in an export. Past the limit new ones
 * are dropped and counted here, before the batch processor would drop them without a trace.
 */
public final class ExportBudget {

    private final int limit;
    private final CounterPoint dropped;
    private final AtomicInteger pending = new AtomicInteger();

    public ExportBudget(int limit, CounterPoint dropped) {
        this.limit = limit;
        this.dropped = dropped;
    }

    /** Takes room for one item, or counts it as dropped. */
    public boolean admit() {
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Gives back the room of items whose export finished, whether it succeeded or not. */
    public void release(int items) {
        pending.addAndGet(-items);
    }

    /**
     * Once {@code export} of {@code items} finishes: gives their room back and, when the backend did
     * not take them, counts the failure and warns about it at most once a minute.
     */
    public void releaseWhenDone(CompletableResultCode export, int items, String what, CounterPoint failures, String endpoint) {
        export.whenComplete(() -> {
            release(items);
            if (!export.isSuccess()) {
                failures.increment();
                Throwable cause = export.getFailureThrowable();
                AgentLog.warnLimited("export:" + what, "could not export " + items + " " + what + " to " + endpoint
                        + (cause == null ? "" : ": " + cause) + "; the node is unaffected and " + what
                        + " are dropped until the backend answers");
            }
        });
    }
}
