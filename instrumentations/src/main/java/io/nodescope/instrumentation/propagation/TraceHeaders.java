package io.nodescope.instrumentation.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** W3C trace context in the headers of requests between nodes: written into outgoing ones, read from incoming ones. */
public final class TraceHeaders {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    /** {@code HttpRequest.newBuilder(HttpRequest, BiPredicate)}, from JDK 16 on; null before, where requests go out as they are. */
    private static final MethodHandle COPY_REQUEST = copyRequest();

    private TraceHeaders() {
    }

    /** The request with the current span's context in its headers; unchanged when no span is current or it is no request known here. */
    public static Object inject(Object request) throws Throwable {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        W3C.inject(context, headers, Map::put);
        if (request instanceof HttpRequest && COPY_REQUEST != null) {
            BiPredicate<String, String> keep = (name, value) -> !headers.containsKey(name.toLowerCase());
            HttpRequest.Builder copy = (HttpRequest.Builder) COPY_REQUEST.invoke((HttpRequest) request, keep);
            headers.forEach(copy::header);
            return copy.build();
        }
        if (request instanceof HttpURLConnection) {
            headers.forEach(((HttpURLConnection) request)::setRequestProperty);
        }
        return request;
    }

    /** The context the caller's headers name, on top of the current one; the current one when they name none. */
    public static Context extract(Object headers) {
        return headers instanceof Map ? W3C.extract(Context.current(), (Map<?, ?>) headers, MapGetter.INSTANCE) : Context.current();
    }

    private static MethodHandle copyRequest() {
        try {
            return MethodHandles.publicLookup().findStatic(HttpRequest.class, "newBuilder",
                    MethodType.methodType(HttpRequest.Builder.class, HttpRequest.class, BiPredicate.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Header maps keyed case-insensitively (the JDK's server capitalizes names), single values or lists. */
    private enum MapGetter implements TextMapGetter<Map<?, ?>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<?, ?> carrier) {
            List<String> keys = new ArrayList<>();
            carrier.keySet().forEach(key -> keys.add(String.valueOf(key)));
            return keys;
        }

        @Override
        public String get(Map<?, ?> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            for (Map.Entry<?, ?> entry : carrier.entrySet()) {
                if (key.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                    Object value = entry.getValue();
                    if (value instanceof List) {
                        return ((List<?>) value).isEmpty() ? null : String.valueOf(((List<?>) value).get(0));
                    }
                    return value == null ? null : value.toString();
                }
            }
            return null;
        }
    }
}
