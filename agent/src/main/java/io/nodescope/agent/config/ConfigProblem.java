package io.nodescope.agent.config;

/** One thing wrong with a config or rules file, located so that a person can fix it. */
public final class ConfigProblem {

    private final String source;
    private final int line;
    private final int column;
    private final String key;
    private final String message;

    ConfigProblem(String source, int line, int column, String key, String message) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.key = key;
        this.message = message;
    }

    /** The file (or environment variable) the problem is in. */
    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The dotted key at fault, or empty when the problem is not about one key. */
    public String key() {
        return key;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
    }
}
