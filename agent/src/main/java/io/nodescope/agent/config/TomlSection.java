package io.nodescope.agent.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import io.nodescope.agent.toml.TomlArray;
import io.nodescope.agent.toml.TomlPosition;
import io.nodescope.agent.toml.TomlTable;

/**
 * A table of a TOML file read with types checked: every wrong or unknown key becomes a problem
 * naming the file, line, column and full key, and reading goes on with the default.
 */
final class TomlSection {

    /** Keys that only mean something at the top of a file. */
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("include");

    private final TomlTable table;
    private final String source;
    private final String path;
    private final TomlPosition position;
    private final Problems problems;

    TomlSection(TomlTable table, String source, String path, TomlPosition position, Problems problems) {
        this.table = table;
        this.source = source;
        this.path = path;
        this.position = position;
        this.problems = problems;
    }

    String source() {
        return source;
    }

    /** The line the table starts at. */
    int line() {
        return line(position);
    }

    boolean has(String key) {
        return table.contains(key);
    }

    String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        TomlPosition at = has(key) ? table.positionOf(key) : position;
        problems.add(source, line(at), column(at), key(key), message);
    }

    /** A problem with one element of the array under {@code key}, or with the value itself, at {@code at}. */
    void problemAt(TomlPosition at, String key, String message) {
        problems.add(source, line(at), column(at), key(key), message);
    }

    /** A problem with the section as a whole, located at its header. */
    void problem(String message) {
        problems.add(source, line(position), column(position), path, message);
    }

    Optional<String> string(String key) {
        return typed(key, String.class, "a string");
    }

    Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class, "true or false");
    }

    Optional<Long> integer(String key) {
        return typed(key, Long.class, "an integer");
    }

    /** A number; TOML integers are accepted where a fraction is allowed. */
    Optional<Double> number(String key) {
        Object value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number) {
            return Optional.of(((Number) value).doubleValue());
        }
        problem(key, "expected a number, found " + describe(value));
        return Optional.empty();
    }

    /** One string or an array of strings. */
    List<String> strings(String key) {
        Object value = get(key);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value instanceof String) {
            result.add((String) value);
            return result;
        }
        if (value instanceof TomlArray) {
            TomlArray array = (TomlArray) value;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof String) {
                    result.add((String) array.get(i));
                } else {
                    TomlPosition at = array.positionOf(i);
                    problems.add(source, line(at), column(at), key(key), "expected strings only, found " + describe(array.get(i)));
                }
            }
            return result;
        }
        problem(key, "expected a string or an array of strings, found " + describe(value));
        return result;
    }

    /** A string and where it is written: the key's position, or the array element's. */
    static final class Located {
        final String value;
        final TomlPosition position;

        Located(String value, TomlPosition position) {
            this.value = value;
            this.position = position;
        }
    }

    /** One string or an array of strings, each with where it is written; other elements are problems. */
    List<Located> locatedStrings(String key) {
        Object value = get(key);
        List<Located> result = new ArrayList<>();
        if (value instanceof TomlArray) {
            TomlArray array = (TomlArray) value;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof String) {
                    result.add(new Located((String) array.get(i), array.positionOf(i)));
                }
            }
        }
        List<String> strings = strings(key);
        if (value instanceof String) {
            result.add(new Located(strings.get(0), table.positionOf(key)));
        }
        return result;
    }

    /** An array of numbers; TOML integers count as numbers. */
    List<Double> numbers(String key) {
        Object value = get(key);
        List<Double> result = new ArrayList<>();
        if (!(value instanceof TomlArray)) {
            problem(key, "expected an array of numbers, found " + describe(value));
            return result;
        }
        TomlArray array = (TomlArray) value;
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof Number) {
                result.add(((Number) array.get(i)).doubleValue());
            } else {
                TomlPosition at = array.positionOf(i);
                problems.add(source, line(at), column(at), key(key), "expected numbers only, found " + describe(array.get(i)));
            }
        }
        return result;
    }

    /** The keys of this table, in file order. */
    Set<String> keys() {
        return table.keySet();
    }

    /** Whether {@code key} holds an array without elements, which no reader reports by itself. */
    boolean isEmptyArray(String key) {
        Object value = get(key);
        return value instanceof TomlArray && ((TomlArray) value).size() == 0;
    }

    boolean isTable(String key) {
        return get(key) instanceof TomlTable;
    }

    Optional<TomlSection> section(String key) {
        Object value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof TomlTable) {
            return Optional.of(new TomlSection((TomlTable) value, source, key(key), table.positionOf(key), problems));
        }
        problem(key, "expected a table, found " + describe(value));
        return Optional.empty();
    }

    /** The tables of an array of tables ({@code [[rule]]}). */
    List<TomlSection> sections(String key) {
        Object value = get(key);
        List<TomlSection> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof TomlArray)) {
            problem(key, "expected an array of tables ([[" + key(key) + "]]), found " + describe(value));
            return result;
        }
        TomlArray array = (TomlArray) value;
        for (int i = 0; i < array.size(); i++) {
            String itemPath = key(key) + "[" + (i + 1) + "]";
            if (array.get(i) instanceof TomlTable) {
                result.add(new TomlSection((TomlTable) array.get(i), source, itemPath, array.positionOf(i), problems));
            } else {
                TomlPosition at = array.positionOf(i);
                problems.add(source, line(at), column(at), itemPath, "expected a table, found " + describe(array.get(i)));
            }
        }
        return result;
    }

    /** Every key of this table that is not one of {@code allowed} is a problem. */
    void rejectUnknown(Collection<String> allowed) {
        rejectUnknown(allowed, Set.of());
    }

    /**
     * Reports every key that is neither {@code allowed} nor {@code reportedElsewhere} (a key known to
     * be a mistake, which its reader reports with a better message). A top-level key such as
     * {@code include} written after a table header belongs to that table in TOML, so there the
     * message says to move it up instead of listing the table's keys.
     */
    void rejectUnknown(Collection<String> allowed, Collection<String> reportedElsewhere) {
        String message = "unknown key; expected one of " + String.join(", ", new TreeSet<>(allowed));
        for (String key : table.keySet()) {
            if (allowed.contains(key) || reportedElsewhere.contains(key)) {
                continue;
            }
            if (!path.isEmpty() && TOP_LEVEL_KEYS.contains(key)) {
                problem(key, "'" + key + "' is a top-level key, but written after the [" + path + "] header it belongs to that"
                        + " table; move it above the file's first table header");
            } else {
                problem(key, message);
            }
        }
    }

    private Object get(String key) {
        return table.get(key);
    }

    private <T> Optional<T> typed(String key, Class<T> type, String expected) {
        Object value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (type.isInstance(value)) {
            return Optional.of(type.cast(value));
        }
        problem(key, "expected " + expected + ", found " + describe(value));
        return Optional.empty();
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a fractional number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return "a date or time";
    }

    private static int line(TomlPosition at) {
        return at == null ? 0 : at.line();
    }

    private static int column(TomlPosition at) {
        return at == null ? 0 : at.column();
    }
}
