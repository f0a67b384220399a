package org.example.node.network;

import java.util.List;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;

/**
 * A network whose peers still answer discovery but no longer stream new collections: every fetch times out, so
 * each sync run fails and the node stops making sync progress while everything else looks normal.
 */
public class StalledSyncNetwork implements PeerNetwork {
    private final PeerNetwork peers;

    public StalledSyncNetwork(PeerNetwork peers) {
        this.peers = peers;
    }

    @Override
    public List<String> discoverPeers() throws NetworkException {
        return peers.discoverPeers();
    }

    @Override
    public List<KnowledgeCollection> fetchNewCollections(String blockchain) throws NetworkException {
        SimulatedLatency.pause(3, 15);
        throw new NetworkException("no peer streamed new knowledge collections on " + blockchain + " before the timeout");
    }
}
