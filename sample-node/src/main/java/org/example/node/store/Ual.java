package org.example.node.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Universal Asset Locator of a knowledge collection: {@code did:dkg:<blockchain>/<contract>/<tokenId>},
 * for example {@code did:dkg:otp:2043/0x5cac41237127f94c2d21dae0b14bfefa99880630/42}.
 */
public record Ual(String blockchain, String contract, long tokenId) {
    private static final String PREFIX = "did:dkg:";
    private static final String BLOCKCHAIN = "[a-z][a-z0-9-]*:[0-9]+";
    private static final String CONTRACT = "0x[0-9a-fA-F]{1,40}";
    private static final Pattern BLOCKCHAIN_PATTERN = Pattern.compile(BLOCKCHAIN);
    private static final Pattern CONTRACT_PATTERN = Pattern.compile(CONTRACT);
    private static final Pattern UAL_PATTERN =
            Pattern.compile(Pattern.quote(PREFIX) + "(" + BLOCKCHAIN + ")/(" + CONTRACT + ")/([0-9]{1,18})");

    public Ual {
        if (!isBlockchainId(blockchain)) {
            throw new IllegalArgumentException("blockchain id must look like otp:2043, got " + blockchain);
        }
        if (contract == null || !CONTRACT_PATTERN.matcher(contract).matches()) {
            throw new IllegalArgumentException("contract must be a 0x-prefixed hex address, got " + contract);
        }
        if (tokenId < 0) {
            throw new IllegalArgumentException("token id must not be negative, got " + tokenId);
        }
    }

    /** Whether the text has the {@code <chain>:<chainId>} shape of a blockchain id (supported or not). */
    private static boolean isBlockchainId(String text) {
        return text != null && BLOCKCHAIN_PATTERN.matcher(text).matches();
    }

    /** @throws IllegalArgumentException if the text is not a UAL */
    public static Ual parse(String text) {
        Matcher matcher = UAL_PATTERN.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "a UAL looks like did:dkg:otp:2043/0x5cac41237127f94c2d21dae0b14bfefa99880630/42, got " + text);
        }
        return new Ual(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3)));
    }

    @Override
    public String toString() {
        return PREFIX + blockchain + "/" + contract + "/" + tokenId;
    }
}
