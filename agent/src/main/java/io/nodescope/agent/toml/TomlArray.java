package io.nodescope.agent.toml;

import java.util.ArrayList;
import java.util.List;

/** A TOML array, or an array of tables ({@code [[name]]}), with where each element starts. */
public final class TomlArray {

    private final List<Object> values = new ArrayList<>();
    private final List<TomlPosition> positions = new ArrayList<>();
    /** Built by {@code [[name]]} headers, the only arrays that later headers may append to. */
    private final boolean ofHeaders;

    TomlArray(boolean ofHeaders) {
        this.ofHeaders = ofHeaders;
    }

    boolean isOfHeaders() {
        return ofHeaders;
    }

    void add(Object value, TomlPosition position) {
        values.add(value);
        positions.add(position);
    }

    Object last() {
        return values.get(values.size() - 1);
    }

    public int size() {
        return values.size();
    }

    /** A String, Long, Double, Boolean, java.time value, TomlArray or TomlTable. */
    public Object get(int index) {
        return values.get(index);
    }

    public TomlPosition positionOf(int index) {
        return positions.get(index);
    }
}
