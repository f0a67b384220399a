package org.example.node.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Peers the node has heard of recently, with when it last heard of each; bounded in size. */
public class PeerTable {
    private final int capacity;
    private final Map<String, Long> lastSeenMillis = new ConcurrentHashMap<>();

    public PeerTable(int capacity) {
        this.capacity = capacity;
    }

    /** @return false if the table is full and the peer is new to it */
    public boolean markSeen(String peerId, long nowMillis) {
        if (lastSeenMillis.size() >= capacity && !lastSeenMillis.containsKey(peerId)) {
            return false;
        }
        lastSeenMillis.put(peerId, nowMillis);
        return true;
    }

    /** Forgets peers not seen since the cutoff; @return how many were forgotten */
    public int evictNotSeenSince(long cutoffMillis) {
        int evicted = 0;
        for (Map.Entry<String, Long> peer : lastSeenMillis.entrySet()) {
            // conditional remove, so a peer seen again meanwhile stays
            if (peer.getValue() < cutoffMillis && lastSeenMillis.remove(peer.getKey(), peer.getValue())) {
                evicted++;
            }
        }
        return evicted;
    }

    public boolean contains(String peerId) {
        return lastSeenMillis.containsKey(peerId);
    }

    public int size() {
        return lastSeenMillis.size();
    }
}
