package io.nodescope.instrumentation.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL a call runs, read once per text and once per statement object: SQL texts are parsed into
 * {@link SqlStatement}s through a bounded cache, and the statement objects a {@code prepare} rule
 * saw made (a JDBC {@code PreparedStatement}, a pool's wrapper of it) are remembered with theirs
 * for as long as the object lives.
 */
public final class StatementTexts {

    /** SQL texts kept parsed; past this, a text not seen before is parsed on each call that runs it. */
    static final int MAX_TEXTS = 512;
    /** Statement objects remembered at most at once; past this, a new one is not, and its calls fall back. */
    static final int MAX_REMEMBERED = 10_000;

    private static final Map<String, SqlStatement> PARSED = new ConcurrentHashMap<>();
    private static final WeakIdentityTable<SqlStatement> REMEMBERED = new WeakIdentityTable<>(MAX_REMEMBERED);

    private StatementTexts() {
    }

    /**
     * The statement {@code source} runs: an SQL text parsed, or what was remembered for a statement
     * object; null when it is neither.
     */
    public static SqlStatement of(Object source) {
        if (source == null) {
            return null;
        }
        if (source instanceof CharSequence) {
            return parsed(source.toString());
        }
        return REMEMBERED.get(source);
    }

    /**
     * Remembers the statement {@code source} names ({@link #of}) for {@code made}, the object a call
     * made from it, while that object lives.
     */
    public static void remember(Object made, Object source) {
        SqlStatement statement = of(source);
        if (made == null || statement == null || made instanceof CharSequence) {
            return;
        }
        REMEMBERED.put(made, statement);
    }

    private static SqlStatement parsed(String sql) {
        SqlStatement statement = PARSED.get(sql);
        if (statement == null) {
            statement = SqlStatement.parse(sql);
            if (PARSED.size() < MAX_TEXTS) {
                SqlStatement raced = PARSED.putIfAbsent(sql, statement);
                statement = raced == null ? statement : raced;
            }
        }
        return statement;
    }
}
