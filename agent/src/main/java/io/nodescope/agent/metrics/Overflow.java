package io.nodescope.agent.metrics;

/** Counting what lands in an overflow series, shared by the point types. */
final class Overflow {

    private Overflow() {
    }

    /** {@code overflowed} is null for every series but an overflow series. */
    static void count(CounterPoint overflowed) {
        if (overflowed != null) {
            overflowed.increment();
        }
    }
}
