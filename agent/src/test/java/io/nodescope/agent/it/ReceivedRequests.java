package io.nodescope.agent.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Every export request of one signal received, in arrival order; waiters are woken on each one. */
final class ReceivedRequests<T> {

    private final List<T> requests = new ArrayList<>();

    synchronized void record(T request) {
        requests.add(request);
        notifyAll();
    }

    /** The requests received so far once {@code condition} holds for them. */
    synchronized List<T> await(Predicate<List<T>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(requests))) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("condition on received requests not met within " + timeout + "; " + requests.size() + " requests");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for requests", e);
            }
        }
        return List.copyOf(requests);
    }
}
