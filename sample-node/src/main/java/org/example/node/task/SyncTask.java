package org.example.node.task;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.example.node.network.NetworkException;
import org.example.node.network.PeerNetwork;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.sync.SyncException;
import org.example.node.sync.SyncState;

/** Replicates knowledge collections published elsewhere into the local store. */
public class SyncTask implements PeriodicTask {
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final PeerNetwork network;
    private final KnowledgeStore store;
    private final SyncState state;
    private final Clock clock;

    public SyncTask(PeerNetwork network, KnowledgeStore store, SyncState state, Clock clock) {
        this.network = network;
        this.store = store;
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
    public void run() throws SyncException {
        List<KnowledgeCollection> collections;
        try {
            collections = network.fetchNewCollections();
        } catch (NetworkException e) {
            throw new SyncException("could not fetch new knowledge collections: " + e.getMessage(), e);
        }
        collections.forEach(store::put);
        state.recordSuccess(clock.millis());
    }
}
