package org.example.node.sync;

import java.util.List;
import org.example.node.store.KnowledgeCollection;

/** The unit of sync work: collections of one chain on their way through the stages (none before the fetch). */
public record SyncBatch(String blockchain, List<KnowledgeCollection> collections) {
    public SyncBatch {
        collections = List.copyOf(collections);
    }

    static SyncBatch toFetch(String blockchain) {
        return new SyncBatch(blockchain, List.of());
    }

    public int size() {
        return collections.size();
    }
}
