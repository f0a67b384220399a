package org.example.node.task;

import java.time.Clock;
import java.time.Duration;
import org.example.node.network.NetworkException;
import org.example.node.network.PeerNetwork;
import org.example.node.network.PeerTable;

/** Keeps the peer table current: records the peers the network reports and forgets those gone quiet. */
public class PeerDiscoveryTask implements PeriodicTask {
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    /** Five missed rounds. */
    static final Duration FORGET_AFTER = INTERVAL.multipliedBy(5);

    private final PeerNetwork network;
    private final PeerTable peers;
    private final Clock clock;

    public PeerDiscoveryTask(PeerNetwork network, PeerTable peers, Clock clock) {
        this.network = network;
        this.peers = peers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "peer_discovery";
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void run() throws NetworkException {
        long now = clock.millis();
        for (String peerId : network.discoverPeers()) {
            peers.markSeen(peerId, now);
        }
        peers.evictNotSeenSince(now - FORGET_AFTER.toMillis());
    }
}
