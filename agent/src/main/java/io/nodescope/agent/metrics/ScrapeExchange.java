package io.nodescope.agent.metrics;

import io.nodescope.agent.AgentLog;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

/**
 * One scrape handed to the Prometheus client's own handler, which negotiates the format, compresses
 * and filters by {@code name[]}; this side frames its answer on the connection. A body of unknown
 * length (compressed, or a debug view) is buffered so that it always goes out with a
 * {@code Content-Length}: a response cut short by a failure is never taken for a whole one.
 */
final class ScrapeExchange implements PrometheusHttpExchange {

    private static final byte[] INTERNAL_ERROR = "An internal error occurred while scraping metrics.\n".getBytes(StandardCharsets.UTF_8);

    private final HttpRequestHead request;
    private final OutputStream out;
    private final HttpResponseHead responseHead = new HttpResponseHead();
    private boolean keepAlive;
    /** Whether the handler has sent its response, or a failure replaced it. */
    private boolean sent;
    /** Whether the status line has gone out on the connection. */
    private boolean committed;
    /** The body the handler writes to, null when none or when a failure discarded it. */
    private Body body;

    ScrapeExchange(HttpRequestHead request, OutputStream out, boolean keepAlive) {
        this.request = request;
        this.out = out;
        this.keepAlive = keepAlive;
    }

    /** Whether the connection can carry another request after this one. */
    boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
        return new PrometheusHttpRequest() {
            @Override
            public String getQueryString() {
                return request.query;
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return Collections.enumeration(request.headers(name));
            }

            @Override
            public String getMethod() {
                return request.method;
            }

            @Override
            public String getRequestPath() {
                return request.path;
            }
        };
    }

    @Override
    public PrometheusHttpResponse getResponse() {
        return new PrometheusHttpResponse() {
            @Override
            public void setHeader(String name, String value) {
                responseHead.set(name, value);
            }

            @Override
            public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
                return send(statusCode, contentLength);
            }
        };
    }

    /** {@code contentLength}: the exact length, 0 when unknown, -1 when there is no body (as the JDK's server takes it). */
    private OutputStream send(int status, int contentLength) throws IOException {
        if (sent) {
            throw new IOException("a response was already sent for this request");
        }
        sent = true;
        boolean headRequest = request.method.equals("HEAD");
        String declared = responseHead.remove("Content-Length");
        responseHead.remove("Transfer-Encoding");
        if (contentLength == 0) {
            body = new Buffered(status);
            return body;
        }
        // A HEAD response tells the length of the body it leaves out, which the handler sets as a header.
        long length = contentLength > 0 ? contentLength : headRequest && declared != null ? parseLength(declared) : 0;
        responseHead.set("Content-Length", Long.toString(length));
        committed = true;
        responseHead.write(out, status, request.http11, keepAlive);
        body = new Fixed(headRequest || contentLength < 0 ? 0 : length);
        return body;
    }

    private static long parseLength(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void handleException(IOException e) {
        keepAlive = false;
        if (!committed) {
            fail(e);
        }
        // Else writing to the connection failed: the client went away or the listener closed it.
    }

    @Override
    public void handleException(RuntimeException e) {
        AgentLog.warnLimited("metrics-scrape", "a scrape of /metrics failed (" + e + "); the node runs on");
        fail(e);
    }

    /** Answers 500 when nothing has gone out yet; else ends the connection, which shows the client the answer is incomplete. */
    private void fail(Exception e) {
        sent = true;
        body = null;
        if (committed) {
            keepAlive = false;
            return;
        }
        committed = true;
        try {
            HttpResponseHead.send(out, 500, "text/plain; charset=utf-8", INTERNAL_ERROR, request.method.equals("HEAD"), request.http11,
                    keepAlive, null);
        } catch (IOException | RuntimeException writeFailure) {
            keepAlive = false;
        }
    }

    @Override
    public void close() {
        try {
            if (!sent) {
                handleException(new IllegalStateException("the scrape handler sent no response"));
            } else if (body != null) {
                body.close();
                body.finish();
            }
            out.flush();
        } catch (IOException e) {
            keepAlive = false;
        }
    }

    /** What the handler writes a body to; {@link #finish} completes the response once the exchange closes. */
    private abstract class Body extends OutputStream {
        boolean closed;

        abstract void finish() throws IOException;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** A write after the handler closed this body, or after it asked for another one, is its mistake. */
        void checkOpen() throws IOException {
            if (closed || body != this) {
                throw new IOException("the response body is closed");
            }
        }
    }

    /** Exactly {@code length} bytes, written through as they come. */
    private final class Fixed extends Body {
        private long remaining;

        Fixed(long length) {
            this.remaining = length;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            if (length > remaining) {
                keepAlive = false;
                throw new IOException("the response body is longer than its Content-Length");
            }
            out.write(bytes, offset, length);
            remaining -= length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
            }
        }

        @Override
        void finish() {
            if (remaining > 0) {
                // Cut short: only closing the connection keeps the client from waiting for the rest.
                keepAlive = false;
            }
        }
    }

    /**
     * A body of unknown length, held until the exchange closes and then sent with its length; a
     * failure before then is answered 500 instead, even when the handler closed the body first.
     */
    private final class Buffered extends Body {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        private final int status;

        Buffered(int status) {
            this.status = status;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            buffer.write(bytes, offset, length);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        void finish() throws IOException {
            responseHead.set("Content-Length", Integer.toString(buffer.size()));
            committed = true;
            responseHead.write(out, status, request.http11, keepAlive);
            if (!request.method.equals("HEAD")) {
                buffer.writeTo(out);
            }
        }
    }
}
