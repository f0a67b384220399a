package io.nodescope.instrumentation.site;

import java.lang.reflect.Array;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A rule's value bound to one method: a constant, or a path read from the call's {@code this},
 * arguments or return value. Reading is null-safe and never throws into the node.
 */
public interface ValueReader {

    /** A value that can never be read on its method ({@code $arg3} of a one-parameter method): a constant null. */
    ValueReader ABSENT = constant(null);

    /** A value known when the class is transformed; {@code text} may be null. */
    static ValueReader constant(String text) {
        return new ValueReader() {
            @Override
            public String read(Object self, Object[] arguments, Object returned) {
                return text;
            }

            @Override
            public Object readObject(Object self, Object[] arguments, Object returned) {
                return text;
            }

            @Override
            public Object start(Object self, Object[] arguments, Object returned) {
                return null;
            }

            @Override
            public double readNumberFrom(Object start) {
                return number(text);
            }

            @Override
            public boolean isConstant() {
                return true;
            }

            @Override
            public String constant() {
                return text;
            }

            @Override
            public boolean readsArguments() {
                return false;
            }

            @Override
            public boolean readsReturn() {
                return false;
            }
        };
    }

    /** The value as text, or null when any step is null or fails. */
    String read(Object self, Object[] arguments, Object returned);

    /** The value as it is, or null. */
    Object readObject(Object self, Object[] arguments, Object returned);

    /** The value as a number ({@link #number}); NaN when it is none. */
    default double readNumber(Object self, Object[] arguments, Object returned) {
        return number(readObject(self, arguments, returned));
    }

    /** The object the value's path starts at: {@code $this}, the argument or the return value; null for a constant. */
    Object start(Object self, Object[] arguments, Object returned);

    /** The value as a number, read along the path from {@code start}, as returned by {@link #start}. */
    double readNumberFrom(Object start);

    /** Whether the value is known when the class is transformed (a literal, {@code $class} of a static method or final class). */
    boolean isConstant();

    /** The value when constant, else null. */
    String constant();

    boolean readsArguments();

    boolean readsReturn();

    /**
     * A value as a number: a number as it is, a duration in seconds, a collection's, map's or
     * array's size, text parsed; NaN when it is none of these or null.
     */
    static double number(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Duration) {
            return ((Duration) value).toNanos() / 1e9;
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).size();
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        if (value instanceof CharSequence) {
            try {
                return Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
