package org.example.node.sync;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.example.node.concurrent.GracefulShutdown;
import org.example.node.concurrent.NamedThreadFactory;

/**
 * A sync step behind its own bounded queue, run by its own {@code sync-<stage>-N} threads, so a slow stage
 * holds back only the batches waiting for it.
 */
public class SyncStage implements AutoCloseable {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final SyncStep step;
    private final BlockingQueue<Runnable> queue;
    private final ThreadPoolExecutor workers;

    public SyncStage(SyncStep step, int workerCount, int queueCapacity) {
        this.step = step;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS, queue,
                new NamedThreadFactory("sync-" + step.name()));
    }

    public String name() {
        return step.name();
    }

    /** Batches waiting for a worker of this stage. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * Queues the batch for this stage. The future completes with the stage's result, with its exception, or with
     * a {@link SyncException} if the queue is full.
     */
    public CompletableFuture<StageResult> submit(SyncBatch batch) {
        CompletableFuture<StageResult> result = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    result.complete(process(batch));
                } catch (Throwable t) { // whoever waits on the future gets an answer
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new SyncException(workers.isShutdown()
                    ? "sync stage " + name() + " is shut down"
                    : "sync stage " + name() + " queue is full (" + queue.size() + " waiting)"));
        }
        return result;
    }

    /** Runs the step on one batch, on one of this stage's workers. */
    public StageResult process(SyncBatch batch) throws SyncException {
        return step.process(batch);
    }

    @Override
    public void close() {
        GracefulShutdown.shutdown(workers, SHUTDOWN_GRACE);
    }
}
