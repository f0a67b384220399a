package io.nodescope.instrumentation.sql;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
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
    private static final Map<Object, SqlStatement> REMEMBERED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

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
        return REMEMBERED.get(new Lookup(source));
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
        expungeCollected();
        if (REMEMBERED.size() < MAX_REMEMBERED) {
            REMEMBERED.put(new Held(made, COLLECTED), statement);
        }
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

    private static void expungeCollected() {
        for (Object gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
            REMEMBERED.remove(gone);
        }
    }

    /** How many statement objects are remembered now; for tests. */
    static int remembered() {
        expungeCollected();
        return REMEMBERED.size();
    }

    /** A remembered object, held weakly and found by identity (a driver's statement may define equals). */
    private static final class Held extends WeakReference<Object> {
        private final int hash;

        Held(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object referent = get();
            return referent != null && other instanceof Held && ((Held) other).get() == referent;
        }
    }

    /** The key a lookup is made with, equal to the {@link Held} of the same object. */
    private static final class Lookup {
        private final Object object;

        Lookup(Object object) {
            this.object = object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Held && ((Held) other).get() == object;
        }
    }
}
