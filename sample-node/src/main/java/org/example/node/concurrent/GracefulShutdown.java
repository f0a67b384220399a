package org.example.node.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stops a pool the way the node wants every pool stopped: finish what is running, but not forever. */
public final class GracefulShutdown {
    private GracefulShutdown() {
    }

    /** Shuts the pool down, waits up to {@code grace} for running work, then interrupts what is left. */
    public static void shutdown(ExecutorService pool, Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
