package org.example.node.sync;

import java.util.ArrayList;
import java.util.List;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.MalformedAssertionException;
import org.example.node.store.TripleStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores validated collections, skipping those already held in the same or a later version. */
public class InsertStep implements SyncStep {
    private static final Logger LOG = LoggerFactory.getLogger(InsertStep.class);

    private final KnowledgeStore store;

    public InsertStep(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "insert";
    }

    @Override
    public StageResult process(SyncBatch batch) {
        List<KnowledgeCollection> inserted = new ArrayList<>();
        StageResult.Tally tally = new StageResult.Tally();
        for (KnowledgeCollection collection : batch.collections()) {
            try {
                if (store.insertIfNewer(collection)) {
                    inserted.add(collection);
                } else {
                    tally.add(SyncResult.DUPLICATE, 1);
                }
            } catch (MalformedAssertionException | TripleStoreException e) {
                // one bad collection must not keep the rest of the batch out
                LOG.warn("could not insert {}: {}", collection.ual(), e.getMessage());
                tally.add(SyncResult.FAILED, 1);
            }
        }
        tally.add(SyncResult.INSERTED, inserted.size());
        return tally.result(name(), new SyncBatch(batch.blockchain(), inserted));
    }
}
