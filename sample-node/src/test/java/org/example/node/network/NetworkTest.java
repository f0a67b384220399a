package org.example.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.example.node.store.KnowledgeCollection;
import org.junit.jupiter.api.Test;

class NetworkTest {
    @Test
    void peerTableIsBoundedAndForgetsQuietPeers() {
        PeerTable peers = new PeerTable(2);

        assertTrue(peers.markSeen("QmA", 100));
        assertTrue(peers.markSeen("QmB", 200));
        assertFalse(peers.markSeen("QmC", 300), "table is full");
        assertTrue(peers.markSeen("QmA", 300), "a known peer is still updated");

        assertEquals(1, peers.evictNotSeenSince(250));
        assertTrue(peers.contains("QmA"));
        assertFalse(peers.contains("QmB"));
    }

    @Test
    void reliableSimulatedNetworkAnswersWithValidData() throws NetworkException {
        Clock clock = Clock.systemUTC();
        SimulatedPeerNetwork network = new SimulatedPeerNetwork(0, clock);

        assertFalse(network.discoverPeers().isEmpty());
        for (String peerId : network.discoverPeers()) {
            assertTrue(peerId.matches("Qm[1-9A-HJ-NP-Za-km-z]{44}"), peerId);
        }
        for (KnowledgeCollection collection : network.fetchNewCollections("gnosis:100")) {
            assertEquals("gnosis:100", collection.ual().blockchain());
            assertFalse(collection.isExpiredAt(clock.millis()));
        }
    }

    @Test
    void unreliableSimulatedNetworkFails() {
        SimulatedPeerNetwork network = new SimulatedPeerNetwork(1, Clock.systemUTC());

        assertThrows(NetworkException.class, network::discoverPeers);
        assertThrows(NetworkException.class, () -> network.fetchNewCollections("otp:2043"));
    }
}
