package org.example.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.example.node.api.HttpApi;
import org.example.node.api.NodeStatus;
import org.example.node.command.CommandExecutor;
import org.example.node.network.HttpPeerNetwork;
import org.example.node.network.NetworkException;
import org.example.node.network.PeerClient;
import org.example.node.network.PeerService;
import org.example.node.network.PeerTable;
import org.example.node.operation.Database;
import org.example.node.operation.OperationRepository;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.TripleStore;
import org.example.node.store.Ual;
import org.example.node.task.SyncTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline fetching over real HTTP from a peer's API into a real local store; the peer is an in-process
 * {@link HttpApi} with its own store.
 */
class SyncPipelineTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String CONTRACT = "0x5cac41237127f94c2d21dae0b14bfefa99880630";
    private static final long LATER = Long.MAX_VALUE;

    private final TripleStore remoteTriples = new TripleStore();
    private final KnowledgeStore remoteStore = new KnowledgeStore(remoteTriples);
    private final TripleStore localTriples = new TripleStore();
    private final KnowledgeStore localStore = new KnowledgeStore(localTriples);
    private Database remoteDatabase;
    private CommandExecutor remoteCommands;
    private HttpApi remote;
    private SyncPipeline pipeline;

    @AfterEach
    void close() throws SQLException {
        if (pipeline != null) {
            pipeline.close();
        }
        if (remote != null) {
            remote.close();
            remoteCommands.close();
            remoteDatabase.close();
        }
        remoteTriples.close();
        localTriples.close();
    }

    @Test
    void fetchesValidatesAndInsertsNewCollections() throws Exception {
        startRemote();
        remoteStore.insert(collection("otp:2043", 1, 1, LATER));
        remoteStore.insert(collection("otp:2043", 2, 1, CLOCK.millis() - 1)); // expired: invalid
        remoteStore.insert(collection("otp:2043", 3, 2, LATER));
        remoteStore.insert(collection("gnosis:100", 4, 1, LATER)); // another chain: not in this batch
        localStore.insert(collection("otp:2043", 3, 2, LATER)); // already here: duplicate
        pipeline = pipeline(URI.create("http://127.0.0.1:" + remote.port()));

        List<StageResult> results = pipeline.sync("otp:2043").get(10, TimeUnit.SECONDS);

        assertEquals(List.of("fetch", "validate", "insert"), results.stream().map(StageResult::stage).toList());
        assertEquals(Map.of("fetched", 3), results.get(0).counts());
        assertEquals(Map.of("valid", 2, "invalid", 1), results.get(1).counts());
        assertEquals(Map.of("inserted", 1, "duplicate", 1), results.get(2).counts());
        results.forEach(result -> assertEquals("otp:2043", result.blockchain()));
        assertEquals(3, results.get(1).processed());
        assertEquals(collection("otp:2043", 1, 1, LATER), localStore.get(ual("otp:2043", 1)).orElseThrow());
        assertTrue(localStore.get(ual("otp:2043", 2)).isEmpty());
        assertTrue(localStore.get(ual("gnosis:100", 4)).isEmpty());

        List<StageResult> again = pipeline.sync("otp:2043").get(10, TimeUnit.SECONDS);

        assertEquals(1, again.size(), "nothing new: the fetch stage ends the run");
        assertEquals(0, again.get(0).processed());
    }

    @Test
    void peerDownFailsTheFetchAndTheSyncTaskBacksOff() throws Exception {
        pipeline = pipeline(URI.create("http://127.0.0.1:" + closedPort()));
        SyncState state = new SyncState();
        SyncTask task = new SyncTask(pipeline, state, CLOCK);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pipeline.sync("otp:2043").get(10, TimeUnit.SECONDS));
        assertInstanceOf(SyncException.class, e.getCause());
        assertInstanceOf(NetworkException.class, e.getCause().getCause());

        assertThrows(SyncException.class, task::run);
        assertThrows(SyncException.class, task::run);
        assertEquals(0, state.lastSuccessMillis());
        assertEquals(task.interval().multipliedBy(4), task.nextDelay());
    }

    @Test
    void syncTaskRecordsSuccessOnceEveryChainIsSynced() throws Exception {
        startRemote();
        remoteStore.insert(collection("base:8453", 1, 1, LATER));
        pipeline = pipeline(URI.create("http://127.0.0.1:" + remote.port()));
        SyncState state = new SyncState();
        long before = CLOCK.millis();

        new SyncTask(pipeline, state, CLOCK).run();

        assertTrue(state.lastSuccessMillis() >= before);
        assertTrue(localStore.get(ual("base:8453", 1)).isPresent());
    }

    @Test
    void aFullStageQueueTurnsBatchesAway() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncStep blocking = new SyncStep() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public StageResult process(SyncBatch batch) {
                started.countDown();
                await(release);
                return new StageResult(name(), batch, Map.of());
            }
        };
        try (SyncStage stage = new SyncStage(blocking, 1, 1)) {
            CompletableFuture<StageResult> running = stage.submit(new SyncBatch("otp:2043", List.of()));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            CompletableFuture<StageResult> queued = stage.submit(new SyncBatch("gnosis:100", List.of()));
            assertEquals(1, stage.queueDepth());

            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> stage.submit(new SyncBatch("base:8453", List.of())).get(5, TimeUnit.SECONDS));

            assertInstanceOf(SyncException.class, e.getCause());
            release.countDown();
            assertEquals("otp:2043", running.get(5, TimeUnit.SECONDS).blockchain());
            assertEquals("gnosis:100", queued.get(5, TimeUnit.SECONDS).blockchain());
            assertEquals(0, stage.queueDepth());
        }
    }

    private void startRemote() throws Exception {
        remoteDatabase = new Database("jdbc:h2:mem:" + UUID.randomUUID());
        remoteCommands = new CommandExecutor(List.of());
        remote = HttpApi.start(0, remoteCommands, new OperationRepository(remoteDatabase),
                new PeerService("QmRemote", remoteStore, new PeerTable(8), CLOCK),
                () -> new NodeStatus("QmRemote", 0, 0, 0, 0, Map.of(), 0));
    }

    private SyncPipeline pipeline(URI peer) {
        return new SyncPipeline(List.of(
                new SyncStage(new FetchStep(new HttpPeerNetwork(List.of(peer), new PeerClient("QmLocal"))), 1, 4),
                new SyncStage(new ValidateStep(CLOCK), 1, 4),
                new SyncStage(new InsertStep(localStore), 1, 4)));
    }

    private static KnowledgeCollection collection(String blockchain, long tokenId, int version, long expiresAt) {
        return new KnowledgeCollection(ual(blockchain, tokenId),
                List.of("<urn:item:" + tokenId + "> <https://schema.org/name> \"Item " + tokenId + "\" ."),
                version, expiresAt);
    }

    private static Ual ual(String blockchain, long tokenId) {
        return new Ual(blockchain, CONTRACT, tokenId);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
