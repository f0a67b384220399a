package org.example.node.sync;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one stage did with one batch.
 *
 * @param output the collections handed to the next stage
 * @param counts how many collections ended with each result; results that did not occur are absent
 */
public record StageResult(String stage, SyncBatch output, Map<SyncResult, Integer> counts) {
    public StageResult {
        counts = Map.copyOf(counts);
    }

    /** The chain of the batch. */
    public String blockchain() {
        return output.blockchain();
    }

    /** How many collections the stage processed, whatever their result. */
    public int processed() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(SyncResult result) {
        return counts.getOrDefault(result, 0);
    }

    /** Tallies results collection by collection. */
    static final class Tally {
        private final Map<SyncResult, Integer> counts = new EnumMap<>(SyncResult.class);

        void add(SyncResult result, int count) {
            if (count > 0) {
                counts.merge(result, count, Integer::sum);
            }
        }

        StageResult result(String stage, SyncBatch output) {
            return new StageResult(stage, output, counts);
        }
    }
}
