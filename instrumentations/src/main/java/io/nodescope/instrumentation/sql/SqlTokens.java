package io.nodescope.instrumentation.sql;

import java.util.Arrays;

/**
 * The tokens of an SQL text, read by hand: words, quoted identifiers, literals, symbols; comments
 * and white space skipped. A parser library (JSqlParser, Calcite) is megabytes and would be shaded
 * into every node, for a label and an attribute that need only the statement's first words and its
 * literals, so this reads only what the summary and the literal-free text need, in one pass, and
 * never more than {@link #MAX_CHARS} characters.
 */
final class SqlTokens {

    /** Characters read at most: a longer statement is summarized and sanitized from its start. */
    static final int MAX_CHARS = 4096;

    enum Type {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A {@code "quoted"} or {@code `quoted`} identifier. */
        QUOTED,
        /** A string or number literal: never copied. */
        LITERAL,
        /** Any other character: {@code ( ) , ; . = ?} and operators. */
        SYMBOL
    }

    private final String sql;
    private final int end;
    private Type[] types = new Type[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    /** Per token, whether white space or a comment came before it. */
    private boolean[] spaced = new boolean[32];
    private int count;

    private SqlTokens(String sql) {
        this.sql = sql;
        this.end = Math.min(sql.length(), MAX_CHARS);
    }

    static SqlTokens of(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        tokens.read();
        return tokens;
    }

    /** Whether the text was longer than what was read. */
    boolean cut() {
        return end < sql.length();
    }

    int count() {
        return count;
    }

    Type type(int i) {
        return types[i];
    }

    String text(int i) {
        return sql.substring(starts[i], ends[i]);
    }

    boolean spacedBefore(int i) {
        return spaced[i];
    }

    /** Whether token {@code i} is the word {@code keyword} (upper case), in any case. */
    boolean isWord(int i, String keyword) {
        return i < count && types[i] == Type.WORD && ends[i] - starts[i] == keyword.length()
                && sql.regionMatches(true, starts[i], keyword, 0, keyword.length());
    }

    /** Whether token {@code i} is the symbol {@code c}. */
    boolean isSymbol(int i, char c) {
        return i < count && types[i] == Type.SYMBOL && sql.charAt(starts[i]) == c;
    }

    private void read() {
        int i = 0;
        boolean space = false;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
            } else if (c == '-' && next(i) == '-') {
                space = true;
                i = lineEnd(i);
            } else if (c == '/' && next(i) == '*') {
                space = true;
                i = commentEnd(i + 2);
            } else {
                int tokenEnd;
                Type type;
                if (c == '\'') {
                    type = Type.LITERAL;
                    tokenEnd = quoteEnd(i, '\'');
                } else if (c == '"' || c == '`') {
                    type = Type.QUOTED;
                    tokenEnd = quoteEnd(i, c);
                } else if (c == '$' && dollarTagEnd(i) > 0) {
                    type = Type.LITERAL;
                    tokenEnd = dollarQuoteEnd(i, dollarTagEnd(i));
                } else if (isDigit(c) || c == '.' && isDigit(next(i)) && !afterName()) {
                    type = Type.LITERAL;
                    tokenEnd = numberEnd(i);
                } else if (Character.isLetter(c) || c == '_') {
                    type = Type.WORD;
                    tokenEnd = wordEnd(i);
                } else {
                    type = Type.SYMBOL;
                    tokenEnd = i + 1;
                }
                add(type, i, tokenEnd, space);
                space = false;
                i = tokenEnd;
            }
        }
    }

    private char next(int i) {
        return i + 1 < end ? sql.charAt(i + 1) : 0;
    }

    private boolean afterName() {
        return count > 0 && (types[count - 1] == Type.WORD || types[count - 1] == Type.QUOTED);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int lineEnd(int i) {
        while (i < end && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The end of a block comment, nested ones included as PostgreSQL reads them; the text's end when unclosed. */
    private int commentEnd(int i) {
        int depth = 1;
        while (i < end && depth > 0) {
            if (sql.charAt(i) == '*' && next(i) == '/') {
                depth--;
                i += 2;
            } else if (sql.charAt(i) == '/' && next(i) == '*') {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return Math.min(i, end);
    }

    /** The end of a quoted text whose quote is doubled inside it; the text's end when unclosed, so nothing after leaks. */
    private int quoteEnd(int i, char quote) {
        i++;
        while (i < end) {
            if (sql.charAt(i) == quote) {
                if (next(i) != quote) {
                    return i + 1;
                }
                i++;
            }
            i++;
        }
        return end;
    }

    /** The end of a PostgreSQL dollar tag ({@code $$}, {@code $body$}) at {@code i}, or -1 when there is none. */
    private int dollarTagEnd(int i) {
        int j = i + 1;
        while (j < end && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        boolean tag = j < end && sql.charAt(j) == '$' && (j == i + 1 || !isDigit(sql.charAt(i + 1)));
        return tag ? j + 1 : -1;
    }

    private int dollarQuoteEnd(int i, int tagEnd) {
        int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
        return close < 0 || close + (tagEnd - i) > end ? end : close + (tagEnd - i);
    }

    /** Digits, a fraction, an exponent, a hex number: anything a number literal runs on with. */
    private int numberEnd(int i) {
        i++;
        while (i < end) {
            char c = sql.charAt(i);
            boolean sign = (c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || sign)) {
                break;
            }
            i++;
        }
        return i;
    }

    private int wordEnd(int i) {
        i++;
        while (i < end && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            i++;
        }
        return i;
    }

    private void add(Type type, int start, int tokenEnd, boolean space) {
        if (count == types.length) {
            types = Arrays.copyOf(types, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            spaced = Arrays.copyOf(spaced, count * 2);
        }
        types[count] = type;
        starts[count] = start;
        ends[count] = tokenEnd;
        spaced[count] = space;
        count++;
    }
}
