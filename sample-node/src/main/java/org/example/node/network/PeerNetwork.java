package org.example.node.network;

import java.util.List;
import org.example.node.store.KnowledgeCollection;

/** What the node asks of the other nodes in the network. */
public interface PeerNetwork {
    /** Ids of peers currently reachable. */
    List<String> discoverPeers() throws NetworkException;

    /** Knowledge collections on the chain that changed elsewhere since the last call. */
    List<KnowledgeCollection> fetchNewCollections(String blockchain) throws NetworkException;
}
