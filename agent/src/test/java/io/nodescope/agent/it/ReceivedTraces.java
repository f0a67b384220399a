package io.nodescope.agent.it;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
  * Thread-safe record of every export request, shared by the gRPC and HTTP transports. Waiters are
  * woken on each request, so {@link #await} returns as soon as the exporter delivers.
  */
final class ReceivedTraces {

    private final List<ReceivedSpan> spans = new ArrayList<>();
    private int requestCount;

    synchronized void record(ExportTraceServiceRequest request) {
        spans.addAll(OtlpSpanDecoder.decode(request));
        requestCount++;
        notifyAll();
    }

    synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    synchronized int requestCount() {
        return requestCount;
    }

    synchronized List<ReceivedSpan> await(
            Predicate<List<ReceivedSpan>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedSpan> snapshot = spans();
            if (condition.test(snapshot)) {
                return snapshot;
            }
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= 0) {
                throw new AssertionError(timeoutMessage(timeout));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remainingNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for spans", e);
            }
        }
    }

    private String timeoutMessage(Duration timeout) {
        String received =
                spans.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
        return "Condition on received spans not met within "
                + timeout
                + " ("
                + requestCount
                + " export requests, "
                + spans.size()
                + " spans):"
                + (spans.isEmpty() ? " none" : received);
    }
}
