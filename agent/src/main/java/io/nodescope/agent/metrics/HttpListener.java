package io.nodescope.agent.metrics;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.AgentThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 server on blocking sockets for the agent's own endpoints, built so that no
 * client can keep another from being served: one thread accepts and does nothing else (the TLS
 * handshake happens on the connection's thread), each open connection has its own thread from a
 * bounded pool, reads time out, and a watchdog closes any connection whose handshake and request,
 * or whose response, outlive their deadlines (see {@link HttpLimits}). All threads are the agent's
 * own daemon threads.
 */
final class HttpListener implements AutoCloseable {

    /** How often the watchdog looks for connections past their deadline. */
    private static final long WATCH_INTERVAL_MILLIS = 200;
    /** Threads beyond the connection limit, for evicted connections that are still winding down. */
    private static final int SPARE_THREADS = 32;
    private static final int BACKLOG = 64;
    /** How long {@link #close} waits for the accepting thread to leave. */
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private final ServerSocket server;
    private final SSLSocketFactory tls;
    private final HttpLimits limits;
    private final HttpConnection.Handler handler;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final Thread watchdog;
    private volatile boolean closed;

    private HttpListener(ServerSocket server, SSLContext tls, HttpLimits limits, HttpConnection.Handler handler) {
        this.server = server;
        this.tls = tls == null ? null : tls.getSocketFactory();
        this.limits = limits;
        this.handler = handler;
        this.workers = new ThreadPoolExecutor(0, limits.maxConnections + SPARE_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> AgentThreads.newThread(task, "nodescope-metrics-http"));
        this.acceptor = AgentThreads.newThread(this::acceptLoop, "nodescope-metrics-accept");
        this.watchdog = AgentThreads.newThread(this::watchLoop, "nodescope-metrics-timeouts");
    }

    /**
     * Listens on {@code address}, over TLS when {@code tls} is not null.
     *
     * @throws IOException when the address cannot be bound
     */
    static HttpListener start(InetSocketAddress address, SSLContext tls, HttpLimits limits, HttpConnection.Handler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            // The port can be bound again at once after a restart, despite connections in TIME_WAIT.
            server.setReuseAddress(true);
            server.bind(address, BACKLOG);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        HttpListener listener = new HttpListener(server, tls, limits, handler);
        listener.acceptor.start();
        listener.watchdog.start();
        return listener;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Out of file descriptors, most likely: wait a little rather than spin.
                AgentLog.warnLimited("metrics-accept", "the metrics listener cannot accept a connection (" + e.getMessage() + "); it retries");
                pause();
                continue;
            }
            try {
                admit(socket);
            } catch (Throwable e) {
                close(socket);
                AgentLog.warnLimited("metrics-admit", "the metrics listener dropped a connection (" + e + "); the node runs on");
            }
        }
    }

    private void admit(Socket socket) {
        if (closed) {
            close(socket);
            return;
        }
        if (open() >= limits.maxConnections && !evictLongestWaiting()) {
            AgentLog.warnLimited("metrics-full", limits.maxConnections
                    + " connections to the metrics listener are all busy sending responses; new connections are refused until one ends");
            close(socket);
            return;
        }
        HttpConnection connection = new HttpConnection(socket, tls, limits, handler, connections::remove);
        connections.add(connection);
        try {
            workers.execute(connection);
        } catch (RejectedExecutionException e) {
            connections.remove(connection);
            close(socket);
        }
    }

    /** Connections not yet told to close. */
    private int open() {
        int open = 0;
        for (HttpConnection connection : connections) {
            if (!connection.aborted()) {
                open++;
            }
        }
        return open;
    }

    /** Closes the connection that has waited longest for a request (or its handshake); false when every one is serving. */
    private boolean evictLongestWaiting() {
        HttpConnection longest = null;
        long since = Long.MAX_VALUE;
        for (HttpConnection connection : connections) {
            long waiting = connection.waitingSince();
            if (!connection.aborted() && waiting != Long.MAX_VALUE && (longest == null || waiting - since < 0)) {
                longest = connection;
                since = waiting;
            }
        }
        if (longest == null) {
            return false;
        }
        longest.abort();
        return true;
    }

    private void watchLoop() {
        while (!closed) {
            try {
                Thread.sleep(WATCH_INTERVAL_MILLIS);
                long now = System.nanoTime();
                for (HttpConnection connection : connections) {
                    if (connection.overdue(now)) {
                        connection.abort();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                AgentLog.warnLimited("metrics-watchdog", "the metrics listener's watchdog failed once (" + e + "); it goes on");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed all the same
        }
    }

    /** Stops accepting, closes every connection and lets the threads end; the port is free when this returns. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closed all the same
        }
        // A listening socket closed while a thread accepts on it is released only once that thread has left.
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (HttpConnection connection : connections) {
            connection.abort();
        }
        workers.shutdown();
        watchdog.interrupt();
    }
}
