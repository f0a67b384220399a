package io.nodescope.agent.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** One histogram series with fixed bucket bounds. Observations are lock-free. */
public final class HistogramPoint {

    private final double[] upperBounds;
    /** One more than the bounds: the last counts observations above every bound (+Inf). */
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    HistogramPoint(double[] upperBounds, CounterPoint overflowed) {
        this.upperBounds = upperBounds;
        this.overflowed = overflowed;
        this.buckets = new LongAdder[upperBounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        buckets[bucketOf(value)].increment();
        sum.add(value);
        Overflow.count(overflowed);
    }

    private int bucketOf(double value) {
        int low = 0;
        int high = upperBounds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (value <= upperBounds[middle]) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    double[] upperBounds() {
        return upperBounds;
    }

    /** Per-bucket (not cumulative) counts, the last one for +Inf. */
    long[] bucketCounts() {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return counts;
    }

    double sum() {
        return sum.sum();
    }
}
