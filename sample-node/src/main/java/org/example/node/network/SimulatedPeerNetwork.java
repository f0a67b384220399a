package org.example.node.network;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.Ual;

/**
 * A network of imaginary peers, so a node started without {@code --peer} still has sync and discovery work:
 * answers take a few milliseconds, a configurable share of calls fail, and the odd collection is malformed.
 */
public class SimulatedPeerNetwork implements PeerNetwork {
    /** Collections replicated from peers are only cached for a while, which gives cleanup work. */
    private static final Duration REPLICA_TTL = Duration.ofSeconds(30);
    private static final String REMOTE_CONTRACT = "0x8f678eb0e57ee8a109b295710e23076fa3a443fe";
    private static final int KNOWN_PEERS = 12;
    private static final int MAX_PEERS_PER_ANSWER = 4;
    private static final int MAX_COLLECTIONS_PER_FETCH = 3;
    private static final double MALFORMED_SHARE = 0.05;

    private final double failureShare;
    private final Clock clock;
    private final List<String> peerIds;
    private final AtomicLong nextRemoteTokenId = new AtomicLong(1);

    /** @param failureShare share of calls, from 0 to 1, that fail with a {@link NetworkException} */
    public SimulatedPeerNetwork(double failureShare, Clock clock) {
        this.failureShare = failureShare;
        this.clock = clock;
        this.peerIds = IntStream.range(0, KNOWN_PEERS).mapToObj(i -> PeerIds.random()).toList();
    }

    @Override
    public List<String> discoverPeers() throws NetworkException {
        SimulatedLatency.pause(2, 8);
        failSometimes("bootstrap peer did not answer");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return random.ints(random.nextInt(1, MAX_PEERS_PER_ANSWER + 1), 0, peerIds.size())
                .mapToObj(peerIds::get)
                .toList();
    }

    @Override
    public List<KnowledgeCollection> fetchNewCollections(String blockchain) throws NetworkException {
        SimulatedLatency.pause(3, 15);
        failSometimes("peer timed out while streaming new knowledge collections");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<KnowledgeCollection> collections = new ArrayList<>();
        for (int i = random.nextInt(MAX_COLLECTIONS_PER_FETCH + 1); i > 0; i--) {
            long tokenId = nextRemoteTokenId.getAndIncrement();
            Ual ual = new Ual(blockchain, REMOTE_CONTRACT, tokenId);
            String name = random.nextDouble() < MALFORMED_SHARE ? "Remote asset " + tokenId // unquoted: invalid
                    : "\"Remote asset " + tokenId + "\"";
            List<String> assertions = List.of("<urn:remote:" + tokenId + "> <https://schema.org/name> " + name + " .");
            collections.add(new KnowledgeCollection(ual, assertions, 1, clock.millis() + REPLICA_TTL.toMillis()));
        }
        return collections;
    }

    private void failSometimes(String failure) throws NetworkException {
        if (ThreadLocalRandom.current().nextDouble() < failureShare) {
            throw new NetworkException(failure);
        }
    }
}
