package io.nodescope.agent.traces;

import io.nodescope.agent.metrics.CounterPoint;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many ended spans are waiting for or in an export. Past the limit new spans are dropped and
 * counted here, before the batch processor would drop them without a trace.
 */
final class SpanBudget {

    private final int limit;
    private final CounterPoint dropped;
    private final AtomicInteger pending = new AtomicInteger();

    SpanBudget(int limit, CounterPoint dropped) {
        this.limit = limit;
        this.dropped = dropped;
    }

    /** Takes room for one span, or counts it as dropped. */
    boolean admit() {
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Gives back the room of spans whose export finished, whether it succeeded or not. */
    void release(int spans) {
        pending.addAndGet(-spans);
    }
}
