package io.nodescope.instrumentation.site;

import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Optional;

/** What the agent hands a kind when it binds one rule to one method. */
public interface SiteBinding {

    /** The rule's value for {@code key} on this method; empty when the rule gives none or it can never be read here. */
    Optional<ValueReader> value(String key);

    /** The span attributes the rule gives, besides the kind's subject, as the operator's policy lets them out. */
    List<SpanAttribute> attributes();

    /**
     * A span attribute the kind derives itself (OpenTelemetry's {@code db.query.text}) as the
     * operator's policy lets it out: empty when dropped, sent as a hash where so configured.
     */
    Optional<SpanAttribute> attribute(String key, ValueReader value);

    MetricPoints metrics();

    Spans spans();

    /** The span kind the rule sets ({@code span_kind}), over the one the kind derives. */
    Optional<SpanKind> spanKind();

    /** What a call waits for after its method returns, when its rule says it returns a lazy result ({@code lazy}). */
    default LazyEnds lazyEnds() {
        return LazyEnds.NONE;
    }
}
