package io.nodescope.agent.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable, protobuf-free view of one span as it arrived at {@link OtlpReceiver}. */
final class ReceivedSpan {

    /** A span event, e.g. the {@code exception} event written by {@code recordException}. */
    static final class Event {
        private final String name;
        private final Map<String, String> attributes;

        Event(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = Map.copyOf(attributes);
        }

        String name() {
            return name;
        }

        Map<String, String> attributes() {
            return attributes;
        }

        @Override
        public String toString() {
            return name + attributes;
        }
    }

    private final String name;
    private final String traceId;
    private final String spanId;
    private final String parentSpanId;
    private final String kind;
    private final String statusCode;
    private final Map<String, String> attributes;
    private final List<Event> events;
    private final Map<String, String> resourceAttributes;

    ReceivedSpan(
            String name,
            String traceId,
            String spanId,
            String parentSpanId,
            String kind,
            String statusCode,
            Map<String, String> attributes,
            List<Event> events,
            Map<String, String> resourceAttributes) {
        this.name = name;
        this.traceId = traceId;
        this.spanId = spanId;
        this.parentSpanId = parentSpanId;
        this.kind = kind;
        this.statusCode = statusCode;
        this.attributes = Map.copyOf(attributes);
        this.events = List.copyOf(events);
        this.resourceAttributes = Map.copyOf(resourceAttributes);
    }

    String name() {
        return name;
    }

    /** Lower-case hex, 32 characters. */
    String traceId() {
        return traceId;
    }

    /** Lower-case hex, 16 characters. */
    String spanId() {
        return spanId;
    }

    /** Lower-case hex, or empty for a root span. */
    String parentSpanId() {
        return parentSpanId;
    }

    boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** The OpenTelemetry span kind: {@code "INTERNAL"}, {@code "SERVER"}, {@code "CLIENT"}, … */
    String kind() {
        return kind;
    }

    /** {@code "UNSET"}, {@code "OK"} or {@code "ERROR"}. */
    String statusCode() {
        return statusCode;
    }

    /** Span attributes with every value in string form (numbers, booleans and arrays included). */
    Map<String, String> attributes() {
        return attributes;
    }

    List<Event> events() {
        return events;
    }

    Optional<Event> event(String eventName) {
        return events.stream().filter(event -> event.name().equals(eventName)).findFirst();
    }

    Map<String, String> resourceAttributes() {
        return resourceAttributes;
    }

    @Override
    public String toString() {
        return name
                + "{span="
                + spanId
                + ", parent="
                + parentSpanId
                + ", kind="
                + kind
                + ", status="
                + statusCode
                + ", attributes="
                + attributes
                + ", events="
                + events
                + '}';
    }
}
