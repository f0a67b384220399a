package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.site.MetricPoints;
import java.util.concurrent.atomic.LongAdder;

/** One counter series. Increments are lock-free and allocation-free once warmed up. */
public final class CounterPoint implements MetricPoints.Counter {

    private final LongAdder count = new LongAdder();
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    public CounterPoint() {
        this(null);
    }

    CounterPoint(CounterPoint overflowed) {
        this.overflowed = overflowed;
    }

    @Override
    public void increment() {
        count.increment();
        Overflow.count(overflowed);
    }

    @Override
    public void add(long amount) {
        count.add(amount);
        Overflow.count(overflowed);
    }

    public long value() {
        return count.sum();
    }
}
