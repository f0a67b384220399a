package org.example.node.task;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.example.node.store.Blockchains;
import org.example.node.sync.StageResult;
import org.example.node.sync.SyncException;
import org.example.node.sync.SyncPipeline;
import org.example.node.sync.SyncState;

/**
 * Replicates knowledge collections changed elsewhere: hands one batch per chain to the sync pipeline and waits
 * for them. After failed runs it waits longer before the next, so an unreachable network is not hammered.
 */
public class SyncTask implements PeriodicTask {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Backoff doubles the interval up to this many times: at most 16 s between runs. */
    private static final int MAX_DOUBLINGS = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    private final SyncPipeline pipeline;
    private final SyncState state;
    private final Clock clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    public SyncTask(SyncPipeline pipeline, SyncState state, Clock clock) {
        this.pipeline = pipeline;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public Duration nextDelay() {
        return INTERVAL.multipliedBy(1L << Math.min(consecutiveFailures.get(), MAX_DOUBLINGS));
    }

    /** @throws SyncException naming every chain whose batch failed; the others' work is kept */
    @Override
    public void run() throws SyncException {
        List<CompletableFuture<List<StageResult>>> runs = Blockchains.SUPPORTED.stream().map(pipeline::sync).toList();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<List<StageResult>> run : runs) {
            try {
                run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause().getMessage()));
            } catch (TimeoutException e) {
                failures.add("a batch did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted while waiting for the sync pipeline", e);
            }
        }
        if (!failures.isEmpty()) {
            consecutiveFailures.incrementAndGet();
            throw new SyncException(String.join("; ", failures));
        }
        consecutiveFailures.set(0);
        state.recordSuccess(clock.millis());
    }
}
