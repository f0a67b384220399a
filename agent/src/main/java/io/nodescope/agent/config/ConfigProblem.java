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

    /**
     * One line, {@code file:line:column: key: message}, of bounded length: control characters (from
     * a quoted key, say) are escaped, and a key or message of hostile length is cut.
     */
    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        String shownMessage = cut(message, MAX_MESSAGE_SHOWN);
        return printable(key.isEmpty() ? where + ": " + shownMessage : where + ": " + cut(key, MAX_KEY_SHOWN) + ": " + shownMessage);
    }

    private static final int MAX_KEY_SHOWN = 200;
    private static final int MAX_MESSAGE_SHOWN = 1000;

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "... (" + (text.length() - length) + " more characters)";
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
