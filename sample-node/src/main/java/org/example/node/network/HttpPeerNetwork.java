package org.example.node.network;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.example.node.store.KnowledgeCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network as configured with {@code --peer}: real HTTP calls to other nodes. A peer that is down fails its
 * own calls only; a call fails as a whole when no peer answered.
 */
public class HttpPeerNetwork implements PeerNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPeerNetwork.class);

    private final List<URI> peerUris;
    private final PeerClient client;
    /** Peer ids learnt from handshakes, by the peer's URI. */
    private final Map<URI, String> peerIds = new ConcurrentHashMap<>();
    /** How far each peer's change sequence has been fetched, per chain. */
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();

    public HttpPeerNetwork(List<URI> peerUris, PeerClient client) {
        this.peerUris = List.copyOf(peerUris);
        this.client = client;
    }

    @Override
    public List<String> discoverPeers() throws NetworkException {
        List<String> reachable = new ArrayList<>();
        NetworkException lastFailure = null;
        for (URI uri : peerUris) {
            try {
                reachable.add(handshake(uri).peerId());
            } catch (NetworkException e) {
                lastFailure = e;
                LOG.debug("handshake with {} failed: {}", uri, e.getMessage());
            }
        }
        if (reachable.isEmpty() && lastFailure != null) {
            throw new NetworkException("no peer answered the handshake; last: " + lastFailure.getMessage(), lastFailure);
        }
        return reachable;
    }

    /**
     * Fetches what each peer changed on the chain since the previous fetch. Collections are fetched at most
     * once: one that later fails validation is not asked for again.
     */
    @Override
    public List<KnowledgeCollection> fetchNewCollections(String blockchain) throws NetworkException {
        List<KnowledgeCollection> collections = new ArrayList<>();
        NetworkException lastFailure = null;
        int answered = 0;
        for (URI uri : peerUris) {
            try {
                collections.addAll(fetchFrom(uri, blockchain));
                answered++;
            } catch (NetworkException e) {
                lastFailure = e;
                LOG.debug("fetching from {} failed: {}", uri, e.getMessage());
            }
        }
        if (answered == 0 && lastFailure != null) {
            throw new NetworkException("no peer sent collections; last: " + lastFailure.getMessage(), lastFailure);
        }
        return collections;
    }

    private List<KnowledgeCollection> fetchFrom(URI uri, String blockchain) throws NetworkException {
        String peerId = peerIds.get(uri);
        if (peerId == null) { // not introduced yet: the peer's id names the cursor and the traces
            peerId = handshake(uri).peerId();
        }
        String cursor = peerId + " " + blockchain;
        PeerMessages.CollectionsReply reply =
                client.fetchCollections(new Peer(uri, peerId), blockchain, cursors.getOrDefault(cursor, 0L));
        List<KnowledgeCollection> collections = new ArrayList<>();
        for (PeerMessages.WireCollection wire : reply.collections()) {
            try {
                collections.add(wire.toCollection());
            } catch (IllegalArgumentException e) {
                throw new NetworkException("peer " + peerId + " sent a malformed collection: " + e.getMessage(), e);
            }
        }
        cursors.put(cursor, reply.lastSequence());
        return collections;
    }

    private PeerMessages.Handshake handshake(URI uri) throws NetworkException {
        PeerMessages.Handshake reply = client.handshake(uri);
        peerIds.put(uri, reply.peerId());
        return reply;
    }
}
