package io.nodescope.instrumentation.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a hashed span attribute is sent as: the first 16 hex digits of the value's SHA-256. Equal
 * values stay equal, so spans can still be grouped and matched, but the value is not readable.
 * Values from a small set (a handful of peers) can be guessed by hashing candidates; drop those.
 */
public final class AttributeHash {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int DIGITS = 16;
    /** Looked up once; each call hashes with a clone, as a provider lookup per call costs more than the hash. */
    private static final MessageDigest SHA_256 = sha256();

    private AttributeHash() {
    }

    public static String of(String value) {
        byte[] digest;
        try {
            digest = ((MessageDigest) SHA_256.clone()).digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
        char[] hex = new char[DIGITS];
        for (int i = 0; i < DIGITS / 2; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
