package org.example.node.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.MalformedAssertionException;
import org.example.node.store.NTriples;

/**
 * Lets through only collections worth storing: on the batch's chain, not yet expired, with assertions that
 * are valid N-Triples. Peers are not trusted to have checked.
 */
public class ValidateStep implements SyncStep {
    private final Clock clock;

    public ValidateStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public StageResult process(SyncBatch batch) {
        long now = clock.millis();
        List<KnowledgeCollection> valid = new ArrayList<>();
        for (KnowledgeCollection collection : batch.collections()) {
            if (isValid(collection, batch.blockchain(), now)) {
                valid.add(collection);
            }
        }
        StageResult.Tally tally = new StageResult.Tally();
        tally.add(SyncResult.VALID, valid.size());
        tally.add(SyncResult.INVALID, batch.size() - valid.size());
        return tally.result(name(), new SyncBatch(batch.blockchain(), valid));
    }

    private static boolean isValid(KnowledgeCollection collection, String blockchain, long now) {
        if (!collection.ual().blockchain().equals(blockchain) || collection.isExpiredAt(now)
                || collection.version() < 1) {
            return false;
        }
        try {
            NTriples.check(collection.assertions());
            return true;
        } catch (MalformedAssertionException e) {
            return false;
        }
    }
}
