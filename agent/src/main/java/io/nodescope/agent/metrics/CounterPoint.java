package io.nodescope.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/** One counter series. Increments are lock-free and allocation-free once warmed up. */
public final class CounterPoint {

    private final LongAdder count = new LongAdder();

    public void increment() {
        count.increment();
    }

    public void add(long amount) {
        count.add(amount);
    }

    public long value() {
        return count.sum();
    }
}
