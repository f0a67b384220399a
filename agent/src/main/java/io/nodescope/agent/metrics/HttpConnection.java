package io.nodescope.agent.metrics;

import io.nodescope.agent.AgentLog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One client connection, served on its own thread from the TLS handshake to the last response.
 * Every wait is bounded: each read by the socket's read timeout, the handshake with the request
 * head and each response by a deadline that {@link HttpListener} enforces by closing the socket,
 * which no slow client can hold off. Whatever goes wrong stays inside this connection.
 */
final class HttpConnection implements Runnable {

    /** Serves requests; the connection owns the socket and its timeouts. */
    interface Handler {
        /** Serves one request and says whether the connection may carry another. */
        boolean serve(HttpRequestHead request, OutputStream out) throws IOException;
    }

    private final Socket socket;
    private final SSLSocketFactory tls;
    private final HttpLimits limits;
    private final Handler handler;
    private final Consumer<HttpConnection> ended;
    /** {@link System#nanoTime()} by which the current wait must be over. */
    private volatile long deadline;
    /** Since when the connection has waited for a request (or its handshake), while it does; else {@code Long.MAX_VALUE}. */
    private volatile long waitingSince;
    private volatile boolean aborted;

    HttpConnection(Socket socket, SSLSocketFactory tls, HttpLimits limits, Handler handler, Consumer<HttpConnection> ended) {
        this.socket = socket;
        this.tls = tls;
        this.limits = limits;
        this.handler = handler;
        this.ended = ended;
        awaitRequest();
    }

    @Override
    public void run() {
        Socket stream = socket;
        boolean graceful = false;
        try {
            socket.setSoTimeout(limits.readTimeoutMillis);
            socket.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket secured = (SSLSocket) tls.createSocket(socket, null, true);
                stream = secured;
                secured.startHandshake();
            }
            InputStream in = new BufferedInputStream(stream.getInputStream(), 2048);
            OutputStream out = new BufferedOutputStream(stream.getOutputStream(), 8192);
            // The first request's deadline runs from the connection's start, so that it bounds the handshake too.
            while (!aborted) {
                HttpRequestHead request;
                try {
                    request = HttpRequestHead.read(in, limits);
                } catch (HttpProblem problem) {
                    respond();
                    HttpResponseHead.send(out, problem.status, "text/plain; charset=utf-8",
                            (problem.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false, true, false, null);
                    graceful = true;
                    return;
                }
                if (request == null) {
                    graceful = true;
                    return;
                }
                respond();
                if (!handler.serve(request, out)) {
                    graceful = true;
                    return;
                }
                awaitRequest();
            }
        } catch (IOException e) {
            // Timed out, reset, closed past a deadline, or a failed handshake: the connection just ends.
        } catch (Throwable e) {
            AgentLog.warnLimited("metrics-connection", "a connection to the metrics listener failed (" + e + "); the node runs on");
        } finally {
            end(stream, graceful);
        }
    }

    private void awaitRequest() {
        long now = System.nanoTime();
        deadline = now + TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMillis);
        waitingSince = now;
    }

    private void respond() {
        waitingSince = Long.MAX_VALUE;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.responseTimeoutMillis);
    }

    /** After a complete exchange TLS says goodbye ({@code close_notify}), within the read timeout; else the socket just closes. */
    private void end(Socket stream, boolean graceful) {
        try {
            if (graceful && stream != socket && !aborted) {
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.readTimeoutMillis);
                stream.close();
            }
        } catch (IOException | RuntimeException e) {
            // the socket closes below all the same
        } finally {
            closeSocket();
            ended.accept(this);
        }
    }

    /** Whether the current wait has outlived its deadline. */
    boolean overdue(long now) {
        return now - deadline > 0;
    }

    /** Since when the connection has waited for a request, or {@code Long.MAX_VALUE} while it serves one. */
    long waitingSince() {
        return waitingSince;
    }

    boolean aborted() {
        return aborted;
    }

    /** Closes the socket from any thread: a read or write blocked on it fails at once, and the connection ends. */
    void abort() {
        aborted = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed all the same
        }
    }
}
