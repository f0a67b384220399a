package io.nodescope.instrumentation.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + SPAN + "-01";

    @Test
    void outgoingRequestsGetTheCurrentSpansTraceparent() throws Throwable {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/peer")).header("Accept", "application/json").build();
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:1/peer").openConnection();
        try (Scope scope = Context.root().with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())))
                .makeCurrent()) {
            HttpRequest sent = (HttpRequest) TraceHeaders.inject(request);
            assertNotSame(request, sent, "a request is immutable: a copy goes out");
            assertEquals(List.of(TRACEPARENT), sent.headers().allValues("traceparent"));
            assertEquals(List.of("application/json"), sent.headers().allValues("Accept"), "the other headers stay");
            assertSame(connection, TraceHeaders.inject(connection));
            assertEquals(TRACEPARENT, connection.getRequestProperty("traceparent"));
        }
        assertSame(request, TraceHeaders.inject(request), "no span current: nothing to carry");
    }

    @Test
    void incomingHeadersAreReadWhateverTheirCase() {
        Context context = TraceHeaders.extract(Map.of("Traceparent", List.of(TRACEPARENT), "Content-type", List.of("x")));
        assertEquals(TRACE, Span.fromContext(context).getSpanContext().getTraceId());
        assertEquals(SPAN, Span.fromContext(context).getSpanContext().getSpanId());
        assertEquals(Context.current(), TraceHeaders.extract(Map.of("accept", "*/*")));
        assertEquals(Context.current(), TraceHeaders.extract("not headers"));
    }
}
