package org.example.node.store;

import java.util.List;

/** The blockchains this node publishes to and replicates from. */
public final class Blockchains {
    public static final List<String> SUPPORTED = List.of("otp:2043", "base:8453", "gnosis:100");

    private Blockchains() {
    }

    public static boolean isSupported(String blockchain) {
        return SUPPORTED.contains(blockchain);
    }
}
