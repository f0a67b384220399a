package io.nodescope.agent.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The one user and password a scraper must send to read {@code /metrics}. */
public final class BasicAuth {

    private final String username;
    private final byte[] password;

    BasicAuth(String username, String password) {
        this.username = username;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    public String username() {
        return username;
    }

    /** Compares in constant time, so response times do not tell how much of a guess was right. */
    public boolean accepts(String user, String pass) {
        boolean userMatches = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
