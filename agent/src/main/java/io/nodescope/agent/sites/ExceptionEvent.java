package io.nodescope.agent.sites;

import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.instrumentation.site.AttributeHash;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The OpenTelemetry {@code exception} event of a call that threw, under the operator's attribute
 * policy. Messages often quote the input that failed (SQL, SPARQL, an identifier), so by default
 * the event carries the type and a stack trace written without any message; the message, and the
 * stack trace as the JDK prints it, only when {@code exception_messages = true}.
 */
public final class ExceptionEvent {

    private static final AttributeKey<String> TYPE = AttributeKey.stringKey(SpanAttributePolicy.EXCEPTION_TYPE);
    private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey(SpanAttributePolicy.EXCEPTION_MESSAGE);
    private static final AttributeKey<String> STACKTRACE = AttributeKey.stringKey(SpanAttributePolicy.EXCEPTION_STACKTRACE);

    private final SpanAttributePolicy policy;
    /** A stack trace quotes every message in the chain; it may only where messages are sent as they are. */
    private final boolean plainMessages;

    public ExceptionEvent(SpanAttributePolicy policy) {
        this.policy = policy;
        this.plainMessages = !policy.drops(SpanAttributePolicy.EXCEPTION_MESSAGE) && !policy.hashes(SpanAttributePolicy.EXCEPTION_MESSAGE);
    }

    void record(Span span, Throwable thrown) {
        span.addEvent("exception", attributes(thrown));
    }

    /** The {@code exception.*} attributes of {@code thrown}, for a span's event or a log record. */
    public Attributes attributes(Throwable thrown) {
        AttributesBuilder attributes = Attributes.builder();
        put(attributes, TYPE, thrown.getClass().getName());
        if (thrown.getMessage() != null) {
            put(attributes, MESSAGE, thrown.getMessage());
        }
        if (!policy.drops(STACKTRACE.getKey())) {
            put(attributes, STACKTRACE, plainMessages ? printed(thrown) : withoutMessages(thrown));
        }
        return attributes.build();
    }

    private void put(AttributesBuilder attributes, AttributeKey<String> key, String value) {
        if (!policy.drops(key.getKey())) {
            attributes.put(key, policy.hashes(key.getKey()) ? AttributeHash.of(value) : value);
        }
    }

    private static String printed(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** The layout of {@link Throwable#printStackTrace()} (causes and suppressed included), with types for messages. */
    static String withoutMessages(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        write(text, thrown, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return text.toString();
    }

    private static void write(StringBuilder text, Throwable thrown, String caption, String indent, Set<Throwable> seen) {
        if (!seen.add(thrown)) {
            text.append(indent).append(caption).append("[CIRCULAR REFERENCE: ").append(thrown.getClass().getName()).append("]\n");
            return;
        }
        text.append(indent).append(caption).append(thrown.getClass().getName()).append('\n');
        for (StackTraceElement frame : thrown.getStackTrace()) {
            text.append(indent).append("\tat ").append(frame).append('\n');
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            write(text, suppressed, "Suppressed: ", indent + "\t", seen);
        }
        if (thrown.getCause() != null) {
            write(text, thrown.getCause(), "Caused by: ", indent, seen);
        }
    }
}
