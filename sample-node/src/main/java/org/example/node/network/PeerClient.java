package org.example.node.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.example.node.store.Blockchains;

/** The calling side of the peer protocol: JSON over HTTP to another node's {@code /peer/...} endpoints. */
public class PeerClient {
    public static final String HANDSHAKE_PATH = "/peer/handshake";
    public static final String COLLECTIONS_PATH = "/peer/collections";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final int COLLECTIONS_PER_REQUEST = 50;

    private final String selfPeerId;
    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    public PeerClient(String selfPeerId) {
        this.selfPeerId = selfPeerId;
    }

    /** Introduces this node to the one at {@code peerUri}; the reply carries the peer's id. */
    public PeerMessages.Handshake handshake(URI peerUri) throws NetworkException {
        PeerMessages.Handshake reply = post(peerUri.resolve(HANDSHAKE_PATH),
                new PeerMessages.Handshake(selfPeerId, Blockchains.SUPPORTED), PeerMessages.Handshake.class);
        if (reply.peerId() == null || reply.peerId().isBlank()) {
            throw new NetworkException("peer at " + peerUri + " answered the handshake without a peer_id");
        }
        return reply;
    }

    /** Asks the peer for collections on the chain changed after {@code afterSequence} of its change sequence. */
    public PeerMessages.CollectionsReply fetchCollections(Peer peer, String blockchain, long afterSequence)
            throws NetworkException {
        PeerMessages.CollectionsReply reply = post(peer.uri().resolve(COLLECTIONS_PATH),
                new PeerMessages.CollectionsRequest(selfPeerId, blockchain, afterSequence, COLLECTIONS_PER_REQUEST),
                PeerMessages.CollectionsReply.class);
        if (reply.collections() == null) {
            throw new NetworkException("peer " + peer.peerId() + " answered without a collections list");
        }
        return reply;
    }

    private <T> T post(URI uri, Object body, Class<T> replyType) throws NetworkException {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) { // refused connections and timeouts included
            throw new NetworkException("POST " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while calling " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new NetworkException("POST " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            T reply = json.readValue(response.body(), replyType);
            if (reply == null) {
                throw new NetworkException("POST " + uri + " answered with an empty body");
            }
            return reply;
        } catch (JsonProcessingException e) {
            throw new NetworkException("POST " + uri + " answered with malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new NetworkException("could not read the answer of POST " + uri + ": " + e, e);
        }
    }
}
