package org.example.node.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sync stages in order, each handing its output batch to the next: fetch → validate → insert. */
public class SyncPipeline implements AutoCloseable {
    private final List<SyncStage> stages;

    public SyncPipeline(List<SyncStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * Starts one chain's batch through the stages. The future completes with the result of each stage that ran
     * (an empty batch stops early, as later stages would have nothing to do), or with the first stage's failure.
     */
    public CompletableFuture<List<StageResult>> sync(String blockchain) {
        return runFrom(0, SyncBatch.toFetch(blockchain), List.of());
    }

    public List<SyncStage> stages() {
        return stages;
    }

    @Override
    public void close() {
        stages.forEach(SyncStage::close); // in order, so each stage drains into a still running next one
    }

    private CompletableFuture<List<StageResult>> runFrom(int index, SyncBatch batch, List<StageResult> done) {
        if (index == stages.size() || (index > 0 && batch.size() == 0)) {
            return CompletableFuture.completedFuture(done);
        }
        return stages.get(index).submit(batch).thenCompose(result -> {
            List<StageResult> results = new ArrayList<>(done);
            results.add(result);
            return runFrom(index + 1, result.output(), List.copyOf(results));
        });
    }
}
