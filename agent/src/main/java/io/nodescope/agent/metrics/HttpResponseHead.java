package io.nodescope.agent.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A response's status line and headers, written in one piece. */
final class HttpResponseHead {

    /** By lower-case name: the name as set and its value. */
    private final Map<String, String[]> headers = new LinkedHashMap<>();

    /** Sets a header, replacing one of the same name in any case. */
    HttpResponseHead set(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line break in header " + name);
        }
        headers.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
        return this;
    }

    String remove(String name) {
        String[] header = headers.remove(name.toLowerCase(Locale.ROOT));
        return header == null ? null : header[1];
    }

    /**
     * Writes the status line and headers, with {@code Connection} saying whether the connection is
     * kept: {@code http11} decides whether keeping it is the default.
     */
    void write(OutputStream out, int status, boolean http11, boolean keepAlive) throws IOException {
        if (keepAlive != http11) {
            set("Connection", keepAlive ? "keep-alive" : "close");
        } else {
            remove("Connection");
        }
        StringBuilder text = new StringBuilder(256).append(http11 ? "HTTP/1.1 " : "HTTP/1.0 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (String[] header : headers.values()) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return "Status " + status;
        }
    }

    /**
     * A whole response with a small body; {@code headRequest} says whether the request was
     * {@code HEAD}, whose response carries the body's length but not the body.
     */
    static void send(OutputStream out, int status, String contentType, byte[] body, boolean headRequest, boolean http11, boolean keepAlive,
            HttpResponseHead extra) throws IOException {
        HttpResponseHead response = extra == null ? new HttpResponseHead() : extra;
        if (contentType != null) {
            response.set("Content-Type", contentType);
        }
        response.set("Content-Length", Integer.toString(body.length));
        response.write(out, status, http11, keepAlive);
        if (!headRequest) {
            out.write(body);
        }
        out.flush();
    }
}
