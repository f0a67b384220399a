package io.nodescope.instrumentation.sql;

import io.nodescope.instrumentation.site.ValueReader;

/**
 * A value read from the statement a call runs ({@link StatementTexts#of}): its summary or its
 * literal-free text, else what {@code fallback} reads (the JDBC method, for SQL that cannot be read).
 */
final class StatementValue implements ValueReader {

    private final ValueReader source;
    private final boolean text;
    private final ValueReader fallback;

    /** {@code text}: the literal-free text, else the summary; {@code fallback} may be {@link ValueReader#ABSENT}. */
    StatementValue(ValueReader source, boolean text, ValueReader fallback) {
        this.source = source;
        this.text = text;
        this.fallback = fallback;
    }

    @Override
    public String read(Object self, Object[] arguments, Object returned) {
        SqlStatement statement = StatementTexts.of(source.readObject(self, arguments, returned));
        String value = statement == null ? null : text ? statement.text() : statement.summary();
        return value != null ? value : fallback.read(self, arguments, returned);
    }

    @Override
    public Object readObject(Object self, Object[] arguments, Object returned) {
        return read(self, arguments, returned);
    }

    @Override
    public Object start(Object self, Object[] arguments, Object returned) {
        return null;
    }

    @Override
    public double readNumberFrom(Object start) {
        return Double.NaN;
    }

    @Override
    public boolean isConstant() {
        return false;
    }

    @Override
    public String constant() {
        return null;
    }

    @Override
    public boolean readsArguments() {
        return source.readsArguments() || fallback.readsArguments();
    }

    @Override
    public boolean readsReturn() {
        return source.readsReturn() || fallback.readsReturn();
    }
}
