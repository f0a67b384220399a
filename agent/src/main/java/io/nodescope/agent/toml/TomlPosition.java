package io.nodescope.agent.toml;

/** Where something starts in a TOML text: line and column, both counted from 1. */
public final class TomlPosition {

    private final int line;
    private final int column;

    TomlPosition(int line, int column) {
        this.line = line;
        this.column = column;
    }

    public static TomlPosition start() {
        return new TomlPosition(1, 1);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
