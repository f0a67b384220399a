package io.nodescope.instrumentation.site;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/** A span attribute a rule gives ({@code ual = "$arg0.ual()"}), its key made once, sent as its hash where the operator says so. */
public final class SpanAttribute {

    private final AttributeKey<String> key;
    private final ValueReader value;
    private final boolean hashed;

    public SpanAttribute(String key, ValueReader value, boolean hashed) {
        this.key = AttributeKey.stringKey(key);
        this.value = value;
        this.hashed = hashed;
    }

    /** Whether the value is read from the return value, and so only at exit. */
    boolean atExit() {
        return value.readsReturn();
    }

    boolean readsArguments() {
        return value.readsArguments();
    }

    void set(Span span, Object self, Object[] arguments, Object returned) {
        String text = value.read(self, arguments, returned);
        if (text != null) {
            span.setAttribute(key, hashed ? AttributeHash.of(text) : text);
        }
    }
}
