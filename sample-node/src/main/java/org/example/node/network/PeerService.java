package org.example.node.network;

import java.time.Clock;
import java.util.List;
import org.example.node.store.Blockchains;
import org.example.node.store.KnowledgeStore;

/** The serving side of the peer protocol: what this node answers when another node calls it. */
public class PeerService {
    private static final int MAX_COLLECTIONS_PER_REPLY = 50;

    private final String peerId;
    private final KnowledgeStore store;
    private final PeerTable peers;
    private final Clock clock;

    public PeerService(String peerId, KnowledgeStore store, PeerTable peers, Clock clock) {
        this.peerId = peerId;
        this.store = store;
        this.peers = peers;
        this.clock = clock;
    }

    /** Records the caller as a peer seen now and introduces this node in return. */
    public PeerMessages.Handshake answerHandshake(PeerMessages.Handshake hello) {
        requirePeerId(hello.peerId());
        peers.markSeen(hello.peerId(), clock.millis());
        return new PeerMessages.Handshake(peerId, Blockchains.SUPPORTED);
    }

    /** @throws IllegalArgumentException if the request names no peer or an unsupported chain */
    public PeerMessages.CollectionsReply serveCollections(PeerMessages.CollectionsRequest request) {
        requirePeerId(request.peerId());
        if (!Blockchains.isSupported(request.blockchain())) {
            throw new IllegalArgumentException("unsupported blockchain " + request.blockchain());
        }
        int limit = Math.max(1, Math.min(request.limit(), MAX_COLLECTIONS_PER_REPLY));
        List<KnowledgeStore.Change> changes = store.changedSince(request.blockchain(), request.afterSequence(), limit);
        long lastSequence = changes.isEmpty() ? request.afterSequence() : changes.get(changes.size() - 1).sequence();
        return new PeerMessages.CollectionsReply(peerId,
                changes.stream().map(change -> PeerMessages.WireCollection.of(change.collection())).toList(),
                lastSequence);
    }

    private static void requirePeerId(String peerId) {
        if (peerId == null || peerId.isBlank()) {
            throw new IllegalArgumentException("peer_id is required");
        }
    }
}
