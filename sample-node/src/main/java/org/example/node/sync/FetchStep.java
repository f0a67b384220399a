package org.example.node.sync;

import java.util.List;
import org.example.node.network.NetworkException;
import org.example.node.network.PeerNetwork;
import org.example.node.store.KnowledgeCollection;

/** Asks the network for the chain's new collections. */
public class FetchStep implements SyncStep {
    private final PeerNetwork network;

    public FetchStep(PeerNetwork network) {
        this.network = network;
    }

    @Override
    public String name() {
        return "fetch";
    }

    /** @throws SyncException if no peer could be reached */
    @Override
    public StageResult process(SyncBatch batch) throws SyncException {
        List<KnowledgeCollection> fetched;
        try {
            fetched = network.fetchNewCollections(batch.blockchain());
        } catch (NetworkException e) {
            throw new SyncException("could not fetch new knowledge collections on " + batch.blockchain() + ": "
                    + e.getMessage(), e);
        }
        StageResult.Tally tally = new StageResult.Tally();
        tally.add(SyncResult.FETCHED, fetched.size());
        return tally.result(name(), new SyncBatch(batch.blockchain(), fetched));
    }
}
