package io.nodescope.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/** One counter series. Increments are lock-free and allocation-free once warmed up. */
public final class CounterPoint {

    private final LongAdder count = new LongAdder();
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    public CounterPoint() {
        this(null);
    }

    CounterPoint(CounterPoint overflowed) {
        this.overflowed = overflowed;
    }

    public void increment() {
        count.increment();
        Overflow.count(overflowed);
    }

    public void add(long amount) {
        count.add(amount);
        Overflow.count(overflowed);
    }

    public long value() {
        return count.sum();
    }
}
