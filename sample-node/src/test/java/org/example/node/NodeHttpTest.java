package org.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.example.node.workload.Workload;
import org.example.node.workload.WorkloadSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole node started in-process on a free port, driven over real HTTP. */
class NodeHttpTest {
    private static final String TRIPLE = "<urn:item:7> <https://schema.org/name> \\\"Hammer\\\" .";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Node node;

    @BeforeAll
    static void startNode() throws Exception {
        node = Node.start(NodeOptions.parse("--port", "0"));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void publishedAssertionsCanBeReadBack() throws Exception {
        HttpResponse<String> published = postCommand(
                "{\"type\":\"publish\",\"blockchain\":\"otp:2043\",\"payload\":{\"assertions\":\"" + TRIPLE + "\"}}");
        assertEquals(200, published.statusCode(), published.body());
        JsonNode publishResult = JSON.readTree(published.body());
        UUID.fromString(publishResult.path("operation_id").asText());
        String ual = publishResult.path("data").path("ual").asText();
        assertTrue(ual.startsWith("did:dkg:otp:2043/0x"), ual);

        HttpResponse<String> got = postCommand("{\"type\":\"get\",\"payload\":{\"ual\":\"" + ual + "\"}}");

        assertEquals(200, got.statusCode(), got.body());
        JsonNode data = JSON.readTree(got.body()).path("data");
        assertEquals(ual, data.path("ual").asText());
        assertEquals("<urn:item:7> <https://schema.org/name> \"Hammer\" .", data.path("assertions").path(0).asText());
    }

    @Test
    void publishWithoutAssertionsIsBadRequest() throws Exception {
        HttpResponse<String> response = postCommand("{\"type\":\"publish\",\"blockchain\":\"otp:2043\",\"payload\":{}}");

        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertTrue(error.path("error").asText().contains("payload.assertions"), response.body());
        UUID.fromString(error.path("operation_id").asText());
    }

    @Test
    void healthAndStatusAnswer() throws Exception {
        HttpResponse<String> health = get("/health");
        HttpResponse<String> status = get("/status");

        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).path("status").asText());
        assertEquals(200, status.statusCode());
        JsonNode fields = JSON.readTree(status.body());
        for (String field : new String[] {"queue_depth", "store_size", "known_peers", "last_sync_success_millis",
                "failed_operations"}) {
            assertTrue(fields.path(field).isNumber(), status.body());
        }
        assertEquals(node.peerId(), fields.path("peer_id").asText());
        for (String stage : new String[] {"fetch", "validate", "insert"}) {
            assertTrue(fields.path("sync_queue_depths").path(stage).isNumber(), status.body());
        }
    }

    @Test
    void operationsCanBeLookedUpById() throws Exception {
        HttpResponse<String> published = postCommand(
                "{\"type\":\"publish\",\"blockchain\":\"otp:2043\",\"payload\":{\"assertions\":\"" + TRIPLE + "\"}}");
        HttpResponse<String> failed = postCommand("{\"type\":\"publish\",\"blockchain\":\"otp:2043\","
                + "\"payload\":{\"assertions\":\"<urn:item:7> <https://schema.org/name> Hammer .\"}}");
        String publishedId = JSON.readTree(published.body()).path("operation_id").asText();
        String failedId = JSON.readTree(failed.body()).path("operation_id").asText();

        JsonNode completed = JSON.readTree(get("/operations/" + publishedId).body());
        JsonNode failure = JSON.readTree(get("/operations/" + failedId).body());

        assertEquals(400, failed.statusCode(), failed.body());
        assertEquals("completed", completed.path("status").asText());
        assertEquals("publish", completed.path("kind").asText());
        assertEquals("otp:2043", completed.path("blockchain").asText());
        assertEquals("failed", failure.path("status").asText());
        assertTrue(failure.path("error").asText().startsWith("assertions are not valid N-Triples"), failure.toString());
        assertEquals(404, get("/operations/" + UUID.randomUUID()).statusCode());
    }

    @Test
    void workloadWithOnlyBadInputFailsEveryCommand() {
        WorkloadSummary summary = new Workload(node.baseUri(), Duration.ofSeconds(1), 20, 1.0).run();

        assertEquals(new WorkloadSummary(20, 0, 20), summary);
    }

    private static HttpResponse<String> postCommand(String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri("/commands"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return node.baseUri().resolve(path);
    }
}
