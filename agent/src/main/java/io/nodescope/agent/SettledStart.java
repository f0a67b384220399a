package io.nodescope.agent;

import java.util.concurrent.TimeUnit;

/**
 * Waits until the node's start has settled: a start is mostly loading classes, so it has when the
 * JVM loads few classes for a while. What can wait without losing a call or a span starts then,
 * not beside the node's start: on a machine of two cores its CPU (the exporters' senders, the
 * metrics' HTTP server and the JVM's management beans: some 100 ms of the sample node's start)
 * would come out of that start. Never later than {@link #LATEST_NANOS}
 * after {@code premain}, so that a node that keeps loading classes still gets its signals soon.
 */
final class SettledStart {

    static final long LATEST_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The window classes are counted in, and how many in it still count as quiet. */
    private static final long WINDOW_MILLIS = 250;
    private static final long QUIET_CLASSES = 25;

    private SettledStart() {
    }

    /**
     * Returns once {@code starting} sees the class loading settle (true), or at the latest or when
     * interrupted (false; the interrupt kept).
     */
    static boolean await(StartingTransformer starting, long begunNanos) {
        long before = starting.classesSeen();
        while (System.nanoTime() - begunNanos < LATEST_NANOS) {
            try {
                Thread.sleep(WINDOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long now = starting.classesSeen();
            if (now - before <= QUIET_CLASSES) {
                return true;
            }
            before = now;
        }
        return false;
    }
}
