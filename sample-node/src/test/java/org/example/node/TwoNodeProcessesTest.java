package org.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes in separate JVMs, one started with {@code --peer} pointing at the other, syncing over HTTP. */
class TwoNodeProcessesTest {
    private static final Pattern LISTENING = Pattern.compile("node listening on (http://127\\.0\\.0\\.1:[0-9]+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process process : processes) {
            process.destroy(); // SIGTERM: the node's shutdown hook stops it cleanly
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aNodeFetchesWhatItsPeerPublished() throws Exception {
        URI publisher = startNode("--peer-id", "QmPublisher");
        URI follower = startNode("--peer", publisher.toString(), "--peer-id", "QmFollower");

        String ual = JSON.readTree(postCommand(publisher, "{\"type\":\"publish\",\"blockchain\":\"base:8453\","
                + "\"payload\":{\"assertions\":\"<urn:item:9> <https://schema.org/name> \\\"Anvil\\\" .\"}}"))
                .path("data").path("ual").asText();

        awaitCondition(() -> commandStatus(follower, "{\"type\":\"get\",\"payload\":{\"ual\":\"" + ual + "\"}}") == 200,
                "the follower has the publisher's collection");
        JsonNode got = JSON.readTree(postCommand(follower, "{\"type\":\"get\",\"payload\":{\"ual\":\"" + ual + "\"}}"));
        assertEquals("<urn:item:9> <https://schema.org/name> \"Anvil\" .", got.path("data").path("assertions").path(0).asText());
        JsonNode publisherStatus = JSON.readTree(get(publisher.resolve("/status")));
        assertTrue(publisherStatus.path("known_peers").asInt() >= 1, "the follower introduced itself");
        JsonNode followerStatus = JSON.readTree(get(follower.resolve("/status")));
        assertEquals("QmFollower", followerStatus.path("peer_id").asText());
        assertTrue(followerStatus.path("last_sync_success_millis").asLong() > 0, followerStatus.toString());
    }

    /** Starts a node JVM on a free port and waits for its "listening" line; returns its base URI. */
    private URI startNode(String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(), "--port", "0", "--run-seconds", "120"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, listening), "node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("node did not start: " + e, e);
        }
    }

    /** Reads the node's output to its end, so the process never blocks on a full pipe. */
    private static void readOutput(Process process, CompletableFuture<URI> listening) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches()) {
                    listening.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("node exited before listening"));
    }

    private static String postCommand(URI node, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(node, body);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int commandStatus(URI node, String body) {
        try {
            return post(node, body).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> post(URI node, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(node.resolve("/commands"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitCondition(BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(description + ": not within " + SYNC_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
