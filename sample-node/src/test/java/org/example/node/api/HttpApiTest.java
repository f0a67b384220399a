package org.example.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.example.node.command.CommandException;
import org.example.node.command.CommandExecutor;
import org.example.node.command.FakeCommand;
import org.example.node.command.InvalidCommandException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import org.example.node.network.PeerService;
import org.example.node.network.PeerTable;
import org.example.node.operation.Database;
import org.example.node.operation.OperationRepository;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.TripleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the API maps requests and command outcomes to HTTP, with fake commands behind it. */
class HttpApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final NodeStatus STATUS = new NodeStatus("QmSelf", 0, 0, 0, 0, Map.of(), 0);

    private final CountDownLatch getStarted = new CountDownLatch(1);
    private final CountDownLatch releaseGet = new CountDownLatch(1);
    private final CommandExecutor commands = new CommandExecutor(List.of(
            new FakeCommand("publish", request -> Map.of("ual", "did:dkg:otp:2043/0xabc/1")),
            new FakeCommand("get", request -> {
                getStarted.countDown();
                await(releaseGet);
                return Map.of();
            }),
            new FakeCommand("query", request -> {
                throw new InvalidCommandException("query needs a non-blank payload.contains");
            }),
            new FakeCommand("update", request -> {
                throw new CommandException("storage is read-only");
            }),
            new FakeCommand("cleanup", request -> {
                throw new IllegalStateException("bug");
            })), 1, 1);
    private final TripleStore triples = new TripleStore();
    private final PeerTable peerTable = new PeerTable(8);
    private final PeerService peers = new PeerService("QmSelf", new KnowledgeStore(triples), peerTable,
            Clock.systemUTC());
    private Database database;
    private HttpApi api;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = new Database("jdbc:h2:mem:" + UUID.randomUUID());
        new OperationRepository(database).createTable();
    }

    @AfterEach
    void stop() throws SQLException {
        releaseGet.countDown();
        api.close();
        commands.close();
        database.close();
        triples.close();
    }

    @Test
    void commandOutcomesMapToStatusCodes() throws Exception {
        start();

        assertEquals(200, postCommand("publish").statusCode());
        assertEquals(400, postCommand("query").statusCode());
        assertEquals(500, postCommand("update").statusCode());
        assertEquals(500, postCommand("cleanup").statusCode());
    }

    @Test
    void fullQueueIsServiceUnavailable() throws Exception {
        start();
        CompletableFuture<HttpResponse<String>> running = postCommandAsync("get");
        assertTrue(getStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> queued = postCommandAsync("get");
        awaitCondition(() -> commands.queueDepth() == 1);

        HttpResponse<String> rejected = postCommand("get");

        assertEquals(503, rejected.statusCode(), rejected.body());
        releaseGet.countDown();
        assertEquals(200, running.get(5, TimeUnit.SECONDS).statusCode());
        assertEquals(200, queued.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        start();

        HttpResponse<String> unknownType = post("{\"type\":\"mint\"}");
        HttpResponse<String> notJson = post("{\"type\":");
        HttpResponse<String> unknownField = post("{\"type\":\"publish\",\"chain\":\"otp:2043\"}");
        HttpResponse<String> nullBody = post("null");

        assertEquals(400, unknownType.statusCode());
        assertTrue(unknownType.body().contains("type must be one of [publish, get, query, update, cleanup], got mint"),
                unknownType.body());
        assertEquals(400, notJson.statusCode());
        assertEquals(400, unknownField.statusCode());
        assertTrue(unknownField.body().contains("chain"), unknownField.body());
        assertEquals(400, nullBody.statusCode());
    }

    @Test
    void onlyExactPathsAndMethodsAreServed() throws Exception {
        start();

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/commands")).GET());
        HttpResponse<String> wrongPath = send(HttpRequest.newBuilder(uri("/healthz")).GET());

        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertEquals(404, wrongPath.statusCode());
    }

    @Test
    void statusReportsTheSnapshot() throws Exception {
        api = HttpApi.start(0, commands, new OperationRepository(database), peers, () -> new NodeStatus("QmSelf", 3,
                42, 7, 1_700_000_000_000L, Map.of("fetch", 2), 5));

        HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/status")).GET());

        assertEquals("{\"peer_id\":\"QmSelf\",\"queue_depth\":3,\"store_size\":42,\"known_peers\":7,"
                + "\"last_sync_success_millis\":1700000000000,\"sync_queue_depths\":{\"fetch\":2},"
                + "\"failed_operations\":5}", status.body());
    }

    @Test
    void peerProtocolAnswersWellFormedRequestsOnly() throws Exception {
        start();

        HttpResponse<String> handshake = send(HttpRequest.newBuilder(uri("/peer/handshake"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"peer_id\":\"QmOther\",\"blockchains\":[]}")));
        HttpResponse<String> collections = send(HttpRequest.newBuilder(uri("/peer/collections"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"peer_id\":\"QmOther\",\"blockchain\":\"otp:2043\",\"after_sequence\":0,\"limit\":5}")));
        HttpResponse<String> unsupported = send(HttpRequest.newBuilder(uri("/peer/collections"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"peer_id\":\"QmOther\",\"blockchain\":\"solana:101\"}")));
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/peer/handshake"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(200, handshake.statusCode(), handshake.body());
        assertTrue(handshake.body().startsWith("{\"peer_id\":\"QmSelf\""), handshake.body());
        assertTrue(peerTable.contains("QmOther"));
        assertEquals("{\"peer_id\":\"QmSelf\",\"collections\":[],\"last_sequence\":0}", collections.body());
        assertEquals(400, unsupported.statusCode());
        assertEquals(400, anonymous.statusCode());
    }

    private void start() throws Exception {
        api = HttpApi.start(0, commands, new OperationRepository(database), peers, () -> STATUS);
    }

    private HttpResponse<String> postCommand(String type) throws Exception {
        return post("{\"type\":\"" + type + "\",\"payload\":{}}");
    }

    private CompletableFuture<HttpResponse<String>> postCommandAsync(String type) {
        return CLIENT.sendAsync(postRequest("{\"type\":\"" + type + "\",\"payload\":{}}"),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return CLIENT.send(postRequest(body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String body) {
        return HttpRequest.newBuilder(uri("/commands")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static void await(CountDownLatch latch) throws CommandException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new CommandException("interrupted", e);
        }
    }
}
