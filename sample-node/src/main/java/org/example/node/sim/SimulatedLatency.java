package org.example.node.sim;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands in for the disk, chain and network waits a real node has. Parking instead of spinning keeps
 * the simulation realistic in wall time while costing almost no CPU.
 */
public final class SimulatedLatency {
    private SimulatedLatency() {
    }

    /** Parks the calling thread for a random time between the bounds (inclusive); returns early if interrupted. */
    public static void pause(int minMillis, int maxMillis) {
        long millis = ThreadLocalRandom.current().nextLong(minMillis, maxMillis + 1L);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
