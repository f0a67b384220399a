package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.site.MetricPoints;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One histogram series with fixed bucket bounds. An observation adds to its bucket and to the sum
 * in one step under a stripe's sequence number, so a scrape reads buckets, count and sum that agree
 * (each observation is in all of them or in none). Observations never block one another for long:
 * a stripe is held for two plain additions, and threads that meet on a stripe spread over more of
 * them, as a {@code LongAdder} would. A thread picks its stripe by its id, so that threads started
 * together land on different stripes; each stripe is one array padded on both sides, so that two
 * stripes never share a cache line.
 */
public final class HistogramPoint implements MetricPoints.Histogram {

    private static final int MAX_STRIPES = 8;

    private final double[] upperBounds;
    private volatile Stripe[] stripes;
    /** Per bucket, the trace of a recent sampled call that landed in it; written racily, each one whole. */
    private final HistogramExemplar[] exemplars;
    /** For an overflow series: counts each recording that landed here; else null. */
    private final CounterPoint overflowed;

    HistogramPoint(double[] upperBounds, CounterPoint overflowed) {
        this.upperBounds = upperBounds;
        this.overflowed = overflowed;
        this.stripes = new Stripe[] {new Stripe(upperBounds.length + 1)};
        this.exemplars = new HistogramExemplar[upperBounds.length + 1];
    }

    @Override
    public void observe(double value) {
        add(bucketOf(value), value);
        Overflow.count(overflowed);
    }

    /** Observes a value of a call made inside a sampled span, which becomes its bucket's exemplar. */
    @Override
    public void observe(double value, String traceId, String spanId) {
        int bucket = bucketOf(value);
        add(bucket, value);
        exemplars[bucket] = new HistogramExemplar(value, traceId, spanId, System.currentTimeMillis());
        Overflow.count(overflowed);
    }

    private void add(int bucket, double value) {
        Stripe[] current = stripes;
        int index = stripeOf(current);
        if (!current[index].tryAdd(bucket, value)) {
            // Another thread holds this stripe: more stripes, then the next ones in turn, never the same one again and again.
            current = spread(current);
            for (index = stripeOf(current); !current[index].tryAdd(bucket, value); index = (index + 1) & (current.length - 1)) {
                Thread.onSpinWait();
            }
        }
    }

    /** More stripes, up to a bound, so that threads stop meeting; the stripes as they are once at the bound. */
    private Stripe[] spread(Stripe[] seen) {
        if (seen.length >= MAX_STRIPES) {
            return seen;
        }
        synchronized (this) {
            Stripe[] current = stripes;
            if (current == seen) {
                Stripe[] more = new Stripe[current.length * 2];
                System.arraycopy(current, 0, more, 0, current.length);
                for (int i = current.length; i < more.length; i++) {
                    more[i] = new Stripe(upperBounds.length + 1);
                }
                stripes = more;
                current = more;
            }
            return current;
        }
    }

    @SuppressWarnings("deprecation")  // Thread.threadId() is JDK 19 on; getId() is the same number
    private static int stripeOf(Stripe[] stripes) {
        return (int) Thread.currentThread().getId() & (stripes.length - 1);
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

    /** Observations so far. */
    long count() {
        long count = 0;
        for (long bucket : snapshot().bucketCounts) {
            count += bucket;
        }
        return count;
    }

    /** Per-bucket (not cumulative) counts, the last one for +Inf, and the sum of the same observations. */
    Snapshot snapshot() {
        long[] counts = new long[upperBounds.length + 1];
        double sum = 0;
        for (Stripe stripe : stripes) {
            sum += stripe.addTo(counts);
        }
        return new Snapshot(counts, sum, exemplars.clone());
    }

    /** What one scrape reads of the series. */
    static final class Snapshot {
        final long[] bucketCounts;
        final double sum;
        /** Per bucket, null where no sampled call has landed yet. */
        final HistogramExemplar[] exemplars;

        Snapshot(long[] bucketCounts, double sum, HistogramExemplar[] exemplars) {
            this.bucketCounts = bucketCounts;
            this.sum = sum;
            this.exemplars = exemplars;
        }
    }

    /**
     * A share of the observations: its counts and sum change only while its sequence number is odd.
     * One array holds them all, {@code [padding][sequence][counts...][sum bits][padding]}, the padding a
     * cache line wide on each side.
     */
    private static final class Stripe {
        private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
        /** Longs in a 64-byte cache line. */
        private static final int PADDING = 8;
        private static final int SEQUENCE = PADDING;
        private static final int FIRST_COUNT = SEQUENCE + 1;

        private final long[] slots;
        private final int buckets;
        private final int sum;

        Stripe(int buckets) {
            this.buckets = buckets;
            this.sum = FIRST_COUNT + buckets;
            this.slots = new long[sum + 1 + PADDING];
        }

        /** False when another thread holds the stripe: the caller moves on rather than waits. */
        boolean tryAdd(int bucket, double value) {
            long even = (long) SLOTS.getVolatile(slots, SEQUENCE);
            if ((even & 1) != 0 || !SLOTS.compareAndSet(slots, SEQUENCE, even, even + 1)) {
                return false;
            }
            slots[FIRST_COUNT + bucket]++;
            slots[sum] = Double.doubleToRawLongBits(Double.longBitsToDouble(slots[sum]) + value);
            SLOTS.setRelease(slots, SEQUENCE, even + 2);
            return true;
        }

        /** Adds the counts into {@code totals} and returns the sum, both as of one moment. */
        double addTo(long[] totals) {
            long[] copy = new long[buckets];
            while (true) {
                long before = (long) SLOTS.getVolatile(slots, SEQUENCE);
                if ((before & 1) == 0) {
                    System.arraycopy(slots, FIRST_COUNT, copy, 0, buckets);
                    double read = Double.longBitsToDouble(slots[sum]);
                    VarHandle.acquireFence();
                    if ((long) SLOTS.getVolatile(slots, SEQUENCE) == before) {
                        for (int i = 0; i < buckets; i++) {
                            totals[i] += copy[i];
                        }
                        return read;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }
}
