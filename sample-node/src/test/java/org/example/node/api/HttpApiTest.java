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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the API maps requests and command outcomes to HTTP, with fake commands behind it. */
class HttpApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final NodeStatus STATUS = new NodeStatus(0, 0, 0, 0);

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
    private HttpApi api;

    @AfterEach
    void stop() {
        releaseGet.countDown();
        api.close();
        commands.close();
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
        api = HttpApi.start(0, commands, () -> new NodeStatus(3, 42, 7, 1_700_000_000_000L));

        HttpResponse<String> status = send(HttpRequest.newBuilder(uri("/status")).GET());

        assertEquals("{\"queue_depth\":3,\"store_size\":42,\"known_peers\":7,"
                + "\"last_sync_success_millis\":1700000000000}", status.body());
    }

    private void start() throws Exception {
        api = HttpApi.start(0, commands, () -> STATUS);
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
