package io.nodescope.agent.toml;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A TOML table: its keys in file order, their values, and where each key was written. */
public final class TomlTable {

    /** How a table came to be, which decides what may still be added to it. */
    enum Origin { IMPLICIT, HEADER, DOTTED_KEYS, INLINE }

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, TomlPosition> positions = new HashMap<>();
    private Origin origin;

    TomlTable(Origin origin) {
        this.origin = origin;
    }

    Origin origin() {
        return origin;
    }

    void defineByHeader() {
        origin = Origin.HEADER;
    }

    void put(String key, Object value, TomlPosition position) {
        values.put(key, value);
        positions.put(key, position);
    }

    public Set<String> keySet() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** A String, Long, Double, Boolean, java.time value, TomlArray or TomlTable; null when absent. */
    public Object get(String key) {
        return values.get(key);
    }

    /** Where the key was written; for a table named by a header, where the header is. Null when absent. */
    public TomlPosition positionOf(String key) {
        return positions.get(key);
    }
}
