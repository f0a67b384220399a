package org.example.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.example.node.network.NetworkException;
import org.example.node.network.SimulatedPeerNetwork;
import org.example.node.network.StalledSyncNetwork;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.TripleStore;
import org.example.node.task.SyncTask;
import org.junit.jupiter.api.Test;

/** The sync-stall fault: the sync keeps running on a reliable network whose peers stream nothing. */
class SyncStallTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void everySyncRunFailsBacksOffAndLeavesTheHeartbeatAlone() throws NetworkException {
        StalledSyncNetwork network = new StalledSyncNetwork(new SimulatedPeerNetwork(0, CLOCK));
        SyncState state = new SyncState();
        try (TripleStore triples = new TripleStore();
                SyncPipeline pipeline = new SyncPipeline(List.of(new SyncStage(new FetchStep(network), 2, 16),
                        new SyncStage(new ValidateStep(CLOCK), 1, 16),
                        new SyncStage(new InsertStep(new KnowledgeStore(triples)), 1, 16)))) {
            SyncTask sync = new SyncTask(pipeline, state, CLOCK);

            for (int run = 1; run <= 3; run++) {
                SyncException failure = assertThrows(SyncException.class, sync::run);
                assertFalse(failure.getMessage().isEmpty());
            }

            assertEquals(0, state.lastSuccessMillis(), "no success recorded");
            assertEquals(Duration.ofSeconds(16), sync.nextDelay(), "backed off");
            assertFalse(network.discoverPeers().isEmpty(), "peers are still discovered");
        }
    }
}
