package org.example.node.workload;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.example.node.store.Ual;

/** The last few UALs the node handed out, for get and update commands to refer to. */
final class RecentUals {
    private final Ual[] ring;
    private int size;
    private int next;

    RecentUals(int capacity) {
        ring = new Ual[capacity];
    }

    synchronized void add(Ual ual) {
        ring[next] = ual;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    synchronized Optional<Ual> pick(RandomGenerator random) {
        return size == 0 ? Optional.empty() : Optional.of(ring[random.nextInt(size)]);
    }
}
