package io.nodescope.agent.it;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Every metrics export request received, in arrival order; waiters are woken on each one. */
final class ReceivedMetrics {

    private final List<ExportMetricsServiceRequest> requests = new ArrayList<>();

    synchronized void record(ExportMetricsServiceRequest request) {
        requests.add(request);
        notifyAll();
    }

    /** The requests received so far once {@code condition} holds for them. */
    synchronized List<ExportMetricsServiceRequest> await(Predicate<List<ExportMetricsServiceRequest>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(requests))) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError("condition on received metrics not met within " + timeout + "; " + requests.size() + " requests");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for metrics", e);
            }
        }
        return List.copyOf(requests);
    }
}
