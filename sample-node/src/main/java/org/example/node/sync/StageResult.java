package org.example.node.sync;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one stage did with one batch.
 *
 * @param output the collections handed to the next stage
 * @param counts how many collections ended with each result, by {@link SyncResult#label()}; results that did
 *               not occur are absent
 */
public record StageResult(String stage, SyncBatch output, Map<String, Integer> counts) {
    public StageResult {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The chain of the batch. */
    public String blockchain() {
        return output.blockchain();
    }

    /** How many collections the stage processed, whatever their result. */
    public int processed() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
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
            Map<String, Integer> byLabel = new LinkedHashMap<>();
            counts.forEach((result, count) -> byLabel.put(result.label(), count));
            return new StageResult(stage, output, byLabel);
        }
    }
}
