package io.nodescope.agent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A listener's {@code host:port}, with the host an IP literal or {@code localhost}. */
public final class BindAddress {

    private final String host;
    private final int port;

    private BindAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Parses {@code 127.0.0.1:9464}, {@code [::1]:9464} or {@code localhost:9464}. */
    static BindAddress parse(String text) throws IllegalArgumentException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port; write for example 127.0.0.1:9464");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port must be 0 to 65535");
        }
        if (!host.equals("localhost") && !isIpLiteral(host)) {
            throw new IllegalArgumentException("'" + text + "': host must be an IP address or localhost");
        }
        return new BindAddress(host, port);
    }

    /**
     * Whether {@code host} is an IP address. A dotted quad, the common case, is told from its text:
     * the JDK's own parser first initializes its name service, some 4 ms of {@code premain}, where
     * the address is checked; other forms go to it.
     */
    static boolean isIpLiteral(String host) {
        return isDottedQuad(host) || isIpForTheJdk(host);
    }

    /** Whether the JDK's parser takes {@code host} as an IP address (never a name it would look up). */
    static boolean isIpForTheJdk(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Four decimal numbers of 0 to 255 without leading zeros, separated by dots. */
    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether only this machine can connect. */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
