package org.example.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.example.node.command.CommandExecutor;
import org.example.node.command.FakeCommand;
import org.example.node.network.NetworkException;
import org.example.node.network.PeerNetwork;
import org.example.node.network.PeerTable;
import org.example.node.store.KnowledgeCollection;
import org.junit.jupiter.api.Test;

class TasksTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void peerDiscoveryAddsReportedPeersAndForgetsQuietOnes() throws NetworkException {
        PeerTable peers = new PeerTable(10);
        peers.markSeen("QmOld", NOW.millis() - PeerDiscoveryTask.FORGET_AFTER.toMillis() - 1);
        peers.markSeen("QmRecent", NOW.millis() - 1);

        new PeerDiscoveryTask(network(List.of("QmNew", "QmRecent"), List.of()), peers, NOW).run();

        assertEquals(2, peers.size());
        assertTrue(peers.contains("QmNew"));
        assertTrue(peers.contains("QmRecent"));
    }

    @Test
    void cleanupRunsItsCommandInTheTaskThread() throws Exception {
        String[] seen = new String[2];
        FakeCommand cleanup = new FakeCommand("cleanup", request -> {
            seen[0] = Thread.currentThread().getName();
            seen[1] = request.type().label();
            return Map.of();
        });
        try (CommandExecutor commands = new CommandExecutor(List.of(cleanup))) {
            new CleanupTask(commands).run();
        }

        assertEquals(Thread.currentThread().getName(), seen[0]);
        assertEquals("cleanup", seen[1]);
    }

    private static PeerNetwork network(List<String> peerIds, List<KnowledgeCollection> collections) {
        return new PeerNetwork() {
            @Override
            public List<String> discoverPeers() {
                return peerIds;
            }

            @Override
            public List<KnowledgeCollection> fetchNewCollections(String blockchain) {
                return collections;
            }
        };
    }
}
