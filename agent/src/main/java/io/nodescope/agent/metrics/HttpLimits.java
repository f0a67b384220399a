package io.nodescope.agent.metrics;

/**
 * The bounds that keep slow, idle or hostile clients of the metrics listener from holding it: no
 * client can keep a connection, a thread or a scrape waiting for longer than these say, and a
 * scrape is answered however many others sit idle.
 */
final class HttpLimits {

    /** A connection on which no byte arrives for this long is closed: idle between requests, or stalled mid-handshake or mid-request. */
    static final int READ_TIMEOUT_MILLIS = 5_000;
    /** The TLS handshake and the request line and headers must all arrive within this, however slowly they trickle in. */
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    /** A response the client has not taken within this is abandoned and its connection closed. */
    static final int RESPONSE_TIMEOUT_MILLIS = 30_000;
    /**
     * Connections open at once, each served by its own thread while it is open. When all are taken,
     * a new connection closes the one that has waited longest for a request; when none waits, the
     * new connection is refused.
     */
    static final int MAX_CONNECTIONS = 100;
    /** The request line and headers together, in bytes; a longer head is answered {@code 431}. */
    static final int MAX_HEAD_BYTES = 8 * 1024;
    /** Header lines in one request; more are answered {@code 431}. */
    static final int MAX_HEADERS = 64;

    static final HttpLimits DEFAULT = new HttpLimits(READ_TIMEOUT_MILLIS, REQUEST_TIMEOUT_MILLIS, RESPONSE_TIMEOUT_MILLIS,
            MAX_CONNECTIONS, MAX_HEAD_BYTES, MAX_HEADERS);

    final int readTimeoutMillis;
    final int requestTimeoutMillis;
    final int responseTimeoutMillis;
    final int maxConnections;
    final int maxHeadBytes;
    final int maxHeaders;

    /** Other limits than the defaults serve tests that cannot wait for the real ones. */
    HttpLimits(int readTimeoutMillis, int requestTimeoutMillis, int responseTimeoutMillis, int maxConnections, int maxHeadBytes,
            int maxHeaders) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.maxConnections = maxConnections;
        this.maxHeadBytes = maxHeadBytes;
        this.maxHeaders = maxHeaders;
    }
}
