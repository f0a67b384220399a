package io.nodescope.agent.config;

import java.nio.file.Path;

/**
 * Decides from the config's lines alone, without the TOML reader, that it turns no signal on, so
 * that a disabled agent costs the node no more than reading one small file: the reader's first use
 * loads and links some 50 classes and spins a lambda per optional value, about 20 ms of every start.
 *
 * <p>It only ever answers "off" when that is certain and meant: at least one of
 * {@code [telemetry.traces]}, {@code [telemetry.metrics]} and {@code [telemetry.logs]} is there,
 * every one there says {@code enabled = false}, and nothing else could turn a signal on (the
 * environment can only turn signals off). A file with none of them (a file of rules, or the wrong
 * file altogether) goes to the full reader, which says what it is. Whatever it
 * does not understand (quoted table names, dotted or inline {@code telemetry} keys, keys directly
 * under {@code [telemetry]}, multi-line strings near the signals, a lone carriage return) makes it
 * answer "not off", and the full reader decides and reports. Off, the rest of the file is not
 * checked; {@code validate} checks it. Written without lambdas, regular expressions or string
 * concatenation, which would each cost the start more than the whole scan.
 */
public final class OffSwitch {

    private static final String[] SIGNALS = {"telemetry.traces", "telemetry.metrics", "telemetry.logs"};
    private static final int ROOT = -1;
    private static final int TELEMETRY = -2;
    private static final int OTHER = -3;

    private OffSwitch() {
    }

    /** True only when the file surely turns no signal on; false when it does, may, or cannot be read. */
    public static boolean allOff(Path file) {
        String text;
        try {
            text = ConfigFile.readText(file);
        } catch (ConfigFile.Unusable e) {
            return false;
        }
        return allOff(text);
    }

    static boolean allOff(String text) {
        if (hasLoneCarriageReturn(text)) {
            return false;
        }
        boolean[] seen = new boolean[SIGNALS.length];
        boolean[] off = new boolean[SIGNALS.length];
        int table = ROOT;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            if (line.charAt(0) == '[') {
                table = header(line);
                if (table == Integer.MIN_VALUE) {
                    return false;
                }
                if (table >= 0) {
                    if (seen[table]) {
                        return false;  // repeated or with sub-tables: the full reader's to judge
                    }
                    seen[table] = true;
                }
                continue;
            }
            if (table == OTHER) {
                continue;
            }
            if (line.contains("\"\"\"") || line.contains("'''") || table == TELEMETRY) {
                return false;
            }
            int equals = line.indexOf('=');
            int bracket = line.indexOf('[');
            if (bracket >= 0 && (equals < 0 || bracket < equals)) {
                return false;  // not a header by its first character, yet perhaps one to the full reader
            }
            String key = equals < 0 ? line : withoutQuotesOrBlanks(line.substring(0, equals));
            if (table == ROOT) {
                if (key.startsWith("telemetry")) {
                    return false;
                }
            } else if (key.equals("enabled")) {
                String value = uncommented(line.substring(equals + 1)).strip();
                if (!value.equals("false")) {
                    return false;
                }
                off[table] = true;
            }
        }
        boolean saidOff = false;
        for (int i = 0; i < SIGNALS.length; i++) {
            if (seen[i] && !off[i]) {
                return false;
            }
            saidOff |= off[i];
        }
        return saidOff;
    }

    /**
     * The table a header line opens: a signal's index, {@link #TELEMETRY}, {@link #OTHER}, or
     * {@link Integer#MIN_VALUE} when the line is beyond this reading (quoted names, text after it,
     * a table below a signal's, which turns it on whatever its {@code enabled}).
     */
    private static int header(String line) {
        boolean array = line.startsWith("[[");
        int close = line.indexOf(array ? "]]" : "]");
        if (close < 0 || !uncommented(line.substring(close + (array ? 2 : 1))).isBlank()) {
            return Integer.MIN_VALUE;
        }
        String raw = line.substring(array ? 2 : 1, close);
        if (raw.indexOf('"') >= 0 || raw.indexOf('\'') >= 0) {
            return Integer.MIN_VALUE;
        }
        String name = withoutQuotesOrBlanks(raw);
        if (!name.startsWith("telemetry")) {
            return OTHER;
        }
        if (name.equals("telemetry") && !array) {
            return TELEMETRY;
        }
        for (int i = 0; i < SIGNALS.length; i++) {
            if (name.equals(SIGNALS[i]) && !array) {
                return i;
            }
            if (name.startsWith(SIGNALS[i])) {
                return Integer.MIN_VALUE;
            }
        }
        return name.startsWith("telemetry.") ? OTHER : Integer.MIN_VALUE;
    }

    private static String uncommented(String text) {
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private static String withoutQuotesOrBlanks(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '"' && c != '\'') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean hasLoneCarriageReturn(String text) {
        for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
            if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                return true;
            }
        }
        return false;
    }
}
