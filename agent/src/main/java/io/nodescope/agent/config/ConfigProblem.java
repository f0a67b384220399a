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

    /** One line, {@code file:line:column: key: message}; control characters (from a quoted key, say) are escaped. */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return printable(key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message);
    }

    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (control) {
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
