package io.nodescope.agent.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The request line and headers of one HTTP/1.x request, read within {@link HttpLimits}. Bodies are
 * not read: a request that announces one is served and its connection then closed.
 */
final class HttpRequestHead {

    final String method;
    /** The path of the request target, without the query. */
    final String path;
    /** The raw query after {@code ?}, or null. */
    final String query;
    final boolean http11;
    /** Header names in lower case, each beside its value, in the order they came. */
    private final List<String[]> headers;

    private HttpRequestHead(String method, String path, String query, boolean http11, List<String[]> headers) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.http11 = http11;
        this.headers = headers;
    }

    /**
     * Reads one request head; null when the stream ends before its first byte (the client closed
     * a kept-alive connection).
     *
     * @throws HttpProblem when the head is malformed or larger than the limits allow
     * @throws IOException when reading fails or times out, or the stream ends mid-head
     */
    static HttpRequestHead read(InputStream in, HttpLimits limits) throws IOException, HttpProblem {
        byte[] line = new byte[limits.maxHeadBytes];
        int total = 0;
        String requestLine = null;
        List<String[]> headers = new ArrayList<>();
        while (true) {
            int length = 0;
            while (true) {
                int next = in.read();
                if (next == -1) {
                    if (total == 0 && length == 0) {
                        return null;
                    }
                    throw new IOException("the client closed the connection mid-request");
                }
                if (++total > limits.maxHeadBytes) {
                    throw new HttpProblem(431, "the request line and headers are longer than " + limits.maxHeadBytes + " bytes");
                }
                if (next == '\n') {
                    break;
                }
                line[length++] = (byte) next;
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
            if (requestLine == null) {
                if (!text.isEmpty()) {
                    // Empty lines before the request line are skipped, as RFC 9112 asks.
                    requestLine = text;
                }
                continue;
            }
            if (text.isEmpty()) {
                return parse(requestLine, headers);
            }
            if (headers.size() == limits.maxHeaders) {
                throw new HttpProblem(431, "more than " + limits.maxHeaders + " header lines");
            }
            headers.add(headerLine(text));
        }
    }

    private static String[] headerLine(String line) throws HttpProblem {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new HttpProblem(400, "malformed header line");
        }
        String name = line.substring(0, colon);
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new HttpProblem(400, "malformed header name");
            }
        }
        return new String[] {name.toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()};
    }

    private static HttpRequestHead parse(String requestLine, List<String[]> headers) throws HttpProblem {
        int first = requestLine.indexOf(' ');
        int last = requestLine.lastIndexOf(' ');
        if (first <= 0 || last <= first + 1) {
            throw new HttpProblem(400, "malformed request line");
        }
        String method = requestLine.substring(0, first);
        for (int i = 0; i < method.length(); i++) {
            if (!isTokenChar(method.charAt(i))) {
                throw new HttpProblem(400, "malformed method");
            }
        }
        String version = requestLine.substring(last + 1);
        boolean http11;
        if (version.equals("HTTP/1.1")) {
            http11 = true;
        } else if (version.equals("HTTP/1.0")) {
            http11 = false;
        } else if (version.startsWith("HTTP/")) {
            throw new HttpProblem(505, "only HTTP/1.0 and HTTP/1.1 are served");
        } else {
            throw new HttpProblem(400, "malformed request line");
        }
        String target = requestLine.substring(first + 1, last);
        if (target.indexOf(' ') >= 0) {
            throw new HttpProblem(400, "malformed request line");
        }
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.charAt(0) != '/') {
            // absolute form, as sent to a proxy: keep the path and query
            int slash = target.indexOf('/', scheme + 3);
            int question = target.indexOf('?', scheme + 3);
            int start = slash < 0 ? question : question < 0 ? slash : Math.min(slash, question);
            target = start < 0 ? "/" : target.charAt(start) == '?' ? "/" + target.substring(start) : target.substring(start);
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return new HttpRequestHead(method, path, query, http11, Collections.unmodifiableList(headers));
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** The values of a header, in order; {@code name} in any case. */
    List<String> headers(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>(1);
        for (String[] header : headers) {
            if (header[0].equals(lower)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Whether the client asks to keep the connection open after this request. */
    boolean keepAlive() {
        boolean close = false;
        boolean keepAlive = false;
        for (String value : headers("Connection")) {
            for (String option : value.split(",")) {
                String trimmed = option.trim();
                close |= trimmed.equalsIgnoreCase("close");
                keepAlive |= trimmed.equalsIgnoreCase("keep-alive");
            }
        }
        return !close && (http11 || keepAlive);
    }

    /**
     * Whether a body follows the head.
     *
     * @throws HttpProblem when the length is malformed
     */
    boolean hasBody() throws HttpProblem {
        if (!headers("Transfer-Encoding").isEmpty()) {
            return true;
        }
        boolean body = false;
        for (String value : headers("Content-Length")) {
            try {
                long length = Long.parseLong(value);
                if (length < 0) {
                    throw new HttpProblem(400, "malformed Content-Length");
                }
                body |= length > 0;
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "malformed Content-Length");
            }
        }
        return body;
    }
}
