package org.example.node.network;

import java.util.concurrent.ThreadLocalRandom;

/** Peer ids in the shape libp2p gives them: {@code Qm} and 44 base58 characters. */
public final class PeerIds {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private PeerIds() {
    }

    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("Qm");
        for (int i = 0; i < 44; i++) {
            id.append(BASE58.charAt(random.nextInt(BASE58.length())));
        }
        return id.toString();
    }
}
