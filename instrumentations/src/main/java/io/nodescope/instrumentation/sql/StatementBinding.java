package io.nodescope.instrumentation.sql;

import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SpanAttribute;
import io.nodescope.instrumentation.site.Spans;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A rule on calls that run SQL, bound with the statement each call runs ({@code values.sql}): the
 * statement's summary is the subject, the rule's own subject value only where the SQL cannot be
 * read, and the span carries OpenTelemetry's {@code db.query.text} and {@code db.query.summary}
 * as the operator's attribute policy lets them out.
 */
public final class StatementBinding implements SiteBinding {

    /** The rule value that names the statement: an SQL text, or an object a {@code prepare} rule saw made. */
    public static final String SQL = "sql";
    /** The statement with its literals replaced by {@code ?}. */
    public static final String QUERY_TEXT = "db.query.text";
    /** The statement's operation and main table. */
    public static final String QUERY_SUMMARY = "db.query.summary";

    private final SiteBinding site;
    private final String subjectKey;
    private final ValueReader subject;
    private final List<SpanAttribute> attributes;

    private StatementBinding(SiteBinding site, String subjectKey, ValueReader sql) {
        this.site = site;
        this.subjectKey = subjectKey;
        this.subject = new StatementValue(sql, false, site.value(subjectKey).orElse(ValueReader.ABSENT));
        List<SpanAttribute> all = new ArrayList<>(site.attributes());
        site.attribute(QUERY_TEXT, new StatementValue(sql, true, ValueReader.ABSENT)).ifPresent(all::add);
        site.attribute(QUERY_SUMMARY, new StatementValue(sql, false, ValueReader.ABSENT)).ifPresent(all::add);
        this.attributes = Collections.unmodifiableList(all);
    }

    /** {@code site} with the statement its rule names in {@code values.sql}; {@code site} itself when the rule names none. */
    public static SiteBinding of(SiteBinding site, String subjectKey) {
        Optional<ValueReader> sql = site.value(SQL);
        return sql.isEmpty() ? site : new StatementBinding(site, subjectKey, sql.get());
    }

    @Override
    public Optional<ValueReader> value(String key) {
        return key.equals(subjectKey) ? Optional.of(subject) : site.value(key);
    }

    @Override
    public List<SpanAttribute> attributes() {
        return attributes;
    }

    @Override
    public Optional<SpanAttribute> attribute(String key, ValueReader value) {
        return site.attribute(key, value);
    }

    @Override
    public MetricPoints metrics() {
        return site.metrics();
    }

    @Override
    public Spans spans() {
        return site.spans();
    }

    @Override
    public Optional<SpanKind> spanKind() {
        return site.spanKind();
    }
}
