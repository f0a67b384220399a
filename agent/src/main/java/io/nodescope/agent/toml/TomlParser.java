package io.nodescope.agent.toml;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TOML 1.0 into tables that remember where each key was written, and stops at the first
 * mistake with its line and column. The agent reads its config before the node's main method
 * runs, so this parser is built to start fast: one small class set, no grammar tables to load.
 * Arrays and inline tables may nest {@link #MAX_NESTING} deep, so that no input can exhaust the
 * stack. Where TOML 1.0 leaves a choice: fractional seconds beyond nanoseconds are truncated.
 */
public final class TomlParser {

    /** How deep arrays and inline tables may nest in one another; a config needs 2 or 3. */
    public static final int MAX_NESTING = 32;
    /** Java's time types hold nanoseconds; TOML 1.0 says further digits are truncated, not rounded. */
    private static final int MAX_FRACTION_DIGITS = 9;
    /**
     * Longer number or date tokens are refused before any pattern sees them (no valid one comes
     * close; a float has 17 significant digits): the patterns' repeated groups recurse per character.
     */
    private static final int MAX_NUMBER_LENGTH = 128;
    private static final String LONE_CR = "a carriage return (CR) alone is not a TOML line ending;"
            + " end lines with LF or CR LF (convert old Mac line endings, e.g. with tr '\\r' '\\n')";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(0|[1-9](_?[0-9])*)");

    /** Compiled on first use, as the others below: the agent's start pays for each pattern, and most configs need few. */
    private static final class Floats {
        static final Pattern FLOAT = Pattern.compile(
                "[+-]?(0|[1-9](_?[0-9])*)(\\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?");
        static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(inf|nan)");
    }

    private static final class Radixes {
        static final Pattern HEX = Pattern.compile("[0-9A-Fa-f](_?[0-9A-Fa-f])*");
        static final Pattern OCTAL = Pattern.compile("[0-7](_?[0-7])*");
        static final Pattern BINARY = Pattern.compile("[01](_?[01])*");
    }

    private static final class Dates {
        static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
        /** {@code 07:32}: a TOML 1.1 time, which TOML 1.0 does not have. */
        static final Pattern TIME_WITHOUT_SECONDS = Pattern.compile(
                "(\\d{4}-\\d{2}-\\d{2}[Tt ])?\\d{2}:\\d{2}([Zz]|[+-]\\d{2}:\\d{2})?");
        static final Pattern DATE_TIME = Pattern.compile(DATE.pattern() + "[Tt ]" + TIME.pattern() + "(?<offset>[Zz]|[+-]\\d{2}:\\d{2})?");
    }

    private final String text;
    private int at;
    private int line = 1;
    private int lineStart;
    /** Arrays and inline tables open around the current position. */
    private int nesting;
    /** Key/value lines and headers read so far. */
    private int statements;
    private final TomlTable root = new TomlTable(TomlTable.Origin.HEADER);

    private TomlParser(String text) {
        this.text = text;
    }

    public static TomlTable parse(String text) throws TomlSyntaxException {
        TomlParser parser = new TomlParser(text);
        try {
            return parser.document();
        } catch (TomlSyntaxException e) {
            e.setBeforeAnyStatement(parser.statements == 0);
            throw e;
        }
    }

    private TomlTable document() throws TomlSyntaxException {
        if (text.startsWith("\uFEFF")) {
            at = 1;
            lineStart = 1;
        }
        TomlTable current = root;
        while (true) {
            skipBlank();
            if (atEnd()) {
                return root;
            }
            char c = peek();
            if (c == '[') {
                current = header();
                statements++;
            } else if (c != '#' && c != '\n' && c != '\r') {
                keyValue(current);
                statements++;
            }
            endOfLine();
        }
    }

    /** {@code [a.b]} or {@code [[a.b]]}: the table that the following keys go to. */
    private TomlTable header() throws TomlSyntaxException {
        TomlPosition position = position();
        next();
        boolean arrayOfTables = !atEnd() && peek() == '[';
        if (arrayOfTables) {
            next();
        }
        skipBlank();
        List<String> keys = key();
        expect(']', "to close the table header");
        if (arrayOfTables) {
            if (atEnd() || peek() != ']') {
                throw unexpected("expected ]] to close the header of the array of tables");
            }
            next();
        }
        TomlTable parent = root;
        for (String key : keys.subList(0, keys.size() - 1)) {
            parent = descendForHeader(parent, key, position);
        }
        String last = keys.get(keys.size() - 1);
        Object existing = parent.get(last);
        if (arrayOfTables) {
            TomlArray array;
            if (existing == null) {
                array = new TomlArray(true);
                parent.put(last, array, position);
            } else if (existing instanceof TomlArray && ((TomlArray) existing).isOfHeaders()) {
                array = (TomlArray) existing;
            } else {
                throw new TomlSyntaxException(position, "cannot append a table to " + dotted(keys) + ", already defined as " + describe(existing),
                        "cannot append a table to a key already defined as " + describe(existing));
            }
            TomlTable table = new TomlTable(TomlTable.Origin.HEADER);
            array.add(table, position);
            return table;
        }
        if (existing == null) {
            TomlTable table = new TomlTable(TomlTable.Origin.HEADER);
            parent.put(last, table, position);
            return table;
        }
        if (existing instanceof TomlTable && ((TomlTable) existing).origin() == TomlTable.Origin.IMPLICIT) {
            TomlTable table = (TomlTable) existing;
            table.defineByHeader();
            parent.put(last, table, position);
            return table;
        }
        throw new TomlSyntaxException(position, "table [" + dotted(keys) + "] is already defined", "this table is already defined");
    }

    private static TomlTable descendForHeader(TomlTable parent, String key, TomlPosition position) throws TomlSyntaxException {
        Object value = parent.get(key);
        if (value == null) {
            TomlTable table = new TomlTable(TomlTable.Origin.IMPLICIT);
            parent.put(key, table, position);
            return table;
        }
        if (value instanceof TomlTable && ((TomlTable) value).origin() != TomlTable.Origin.INLINE) {
            return (TomlTable) value;
        }
        if (value instanceof TomlArray && ((TomlArray) value).isOfHeaders()) {
            return (TomlTable) ((TomlArray) value).last();
        }
        throw new TomlSyntaxException(position, "cannot add a table under " + key + ", already defined as " + describe(value),
                "cannot add a table under a key already defined as " + describe(value));
    }

    private void keyValue(TomlTable table) throws TomlSyntaxException {
        TomlPosition position = position();
        List<String> keys = key();
        expect('=', "after the key " + dotted(keys), "after a key");
        skipBlank();
        Object value = value();
        TomlTable target = table;
        for (String key : keys.subList(0, keys.size() - 1)) {
            target = descendForDottedKey(target, key, position);
        }
        String last = keys.get(keys.size() - 1);
        if (target.contains(last)) {
            throw new TomlSyntaxException(position, "key " + dotted(keys) + " is defined twice", "a key is defined twice");
        }
        target.put(last, value, position);
    }

    private static TomlTable descendForDottedKey(TomlTable parent, String key, TomlPosition position) throws TomlSyntaxException {
        Object value = parent.get(key);
        if (value == null) {
            TomlTable table = new TomlTable(TomlTable.Origin.DOTTED_KEYS);
            parent.put(key, table, position);
            return table;
        }
        if (value instanceof TomlTable && ((TomlTable) value).origin() == TomlTable.Origin.DOTTED_KEYS) {
            return (TomlTable) value;
        }
        String elsewhere = value instanceof TomlTable ? " elsewhere" : "";
        throw new TomlSyntaxException(position, "cannot add keys under " + key + ", already defined as " + describe(value) + elsewhere,
                "cannot add keys under a key already defined as " + describe(value) + elsewhere);
    }

    /** A key, dotted or not; leaves the position after the blanks that follow it. */
    private List<String> key() throws TomlSyntaxException {
        List<String> parts = new ArrayList<>();
        while (true) {
            parts.add(simpleKey());
            skipBlank();
            if (atEnd() || peek() != '.') {
                return parts;
            }
            next();
            skipBlank();
        }
    }

    private String simpleKey() throws TomlSyntaxException {
        if (!atEnd() && (peek() == '"' || peek() == '\'')) {
            if (text.startsWith("\"\"\"", at) || text.startsWith("'''", at)) {
                throw error("a key cannot be a multi-line string");
            }
            return string(peek());
        }
        int start = at;
        while (!atEnd() && isBareKeyChar(peek())) {
            at++;
        }
        if (start == at) {
            throw unexpected("expected a key");
        }
        return text.substring(start, at);
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private Object value() throws TomlSyntaxException {
        if (atEnd()) {
            throw unexpected("expected a value");
        }
        char c = peek();
        if (c == '"') {
            return text.startsWith("\"\"\"", at) ? multiLineString('"') : string('"');
        }
        if (c == '\'') {
            return text.startsWith("'''", at) ? multiLineString('\'') : string('\'');
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            return inlineTable();
        }
        if (text.startsWith("true", at) && !isValueChar(at + 4)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at) && !isValueChar(at + 5)) {
            at += 5;
            return Boolean.FALSE;
        }
        if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == 'i' || c == 'n') {
            return numberOrDate();
        }
        throw unexpected("expected a value");
    }

    private boolean isValueChar(int index) {
        if (index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return isBareKeyChar(c) || c == '.' || c == ':' || c == '+';
    }

    private Object numberOrDate() throws TomlSyntaxException {
        TomlPosition position = position();
        int start = at;
        while (isValueChar(at)) {
            at++;
        }
        // A date and a time may be separated by one space.
        if (at - start == 10 && text.charAt(start + 4) == '-' && Dates.DATE.matcher(text.substring(start, at)).matches() && at + 3 < text.length() && text.charAt(at) == ' '
                && Character.isDigit(text.charAt(at + 1)) && Character.isDigit(text.charAt(at + 2)) && text.charAt(at + 3) == ':') {
            at++;
            while (isValueChar(at)) {
                at++;
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw new TomlSyntaxException(position, "a number or date longer than " + MAX_NUMBER_LENGTH + " characters is not valid");
        }
        String token = text.substring(start, at);
        return mayBeDateOrTime(token) ? dateOrTime(token, position) : number(token, position);
    }

    /** Whether a date or time pattern can match: each has a '-' after a year's four digits, or a ':'. */
    private static boolean mayBeDateOrTime(String token) {
        return token.indexOf(':') >= 0 || token.length() >= 10 && token.charAt(4) == '-';
    }

    private static Object dateOrTime(String token, TomlPosition position) throws TomlSyntaxException {
        try {
            Matcher dateTime = Dates.DATE_TIME.matcher(token);
            if (dateTime.matches()) {
                String iso = truncateFraction(token.substring(0, 10) + "T" + token.substring(11).toUpperCase(Locale.ROOT));
                return dateTime.group("offset") != null ? OffsetDateTime.parse(iso) : LocalDateTime.parse(iso);
            }
            if (Dates.DATE.matcher(token).matches()) {
                return LocalDate.parse(token);
            }
            if (Dates.TIME.matcher(token).matches()) {
                return LocalTime.parse(truncateFraction(token));
            }
        } catch (DateTimeParseException e) {
            throw new TomlSyntaxException(position, "not a valid date or time: " + token, "not a valid date or time");
        }
        if (Dates.TIME_WITHOUT_SECONDS.matcher(token).matches()) {
            String withoutContent = "a time needs seconds in TOML 1.0 (HH:MM:SS; HH:MM is TOML 1.1 only)";
            throw new TomlSyntaxException(position, withoutContent + ": " + token, withoutContent);
        }
        return number(token, position);
    }

    /** Keeps at most nanoseconds of a fraction of a second; the only '.' of a date-time is the fraction's. */
    private static String truncateFraction(String iso) {
        int dot = iso.indexOf('.');
        if (dot < 0) {
            return iso;
        }
        int end = dot + 1;
        while (end < iso.length() && Character.isDigit(iso.charAt(end))) {
            end++;
        }
        return end - dot - 1 <= MAX_FRACTION_DIGITS ? iso : iso.substring(0, dot + 1 + MAX_FRACTION_DIGITS) + iso.substring(end);
    }

    private static Object number(String token, TomlPosition position) throws TomlSyntaxException {
        String digits = token.replace("_", "");
        try {
            if (token.startsWith("0x") && Radixes.HEX.matcher(token.substring(2)).matches()) {
                return nonNegativeLong(digits.substring(2), 16, token, position);
            }
            if (token.startsWith("0o") && Radixes.OCTAL.matcher(token.substring(2)).matches()) {
                return nonNegativeLong(digits.substring(2), 8, token, position);
            }
            if (token.startsWith("0b") && Radixes.BINARY.matcher(token.substring(2)).matches()) {
                return nonNegativeLong(digits.substring(2), 2, token, position);
            }
            if (DECIMAL.matcher(token).matches()) {
                return Long.parseLong(digits);
            }
            if (Floats.FLOAT.matcher(token).matches()) {
                return Double.parseDouble(digits);
            }
        } catch (NumberFormatException e) {
            throw new TomlSyntaxException(position, "integer out of range: " + token, "integer out of range");
        }
        if (Floats.SPECIAL_FLOAT.matcher(token).matches()) {
            return token.endsWith("inf") ? (token.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.NaN;
        }
        throw new TomlSyntaxException(position, "not a valid value: " + token, "not a valid value");
    }

    private static Long nonNegativeLong(String digits, int radix, String token, TomlPosition position) throws TomlSyntaxException {
        BigInteger value = new BigInteger(digits, radix);
        if (value.bitLength() > 63) {
            throw new TomlSyntaxException(position, "integer out of range: " + token, "integer out of range");
        }
        return value.longValue();
    }

    private TomlArray array() throws TomlSyntaxException {
        TomlArray array = new TomlArray(false);
        enterNesting();
        next();
        while (true) {
            skipBlankLinesAndComments();
            if (!atEnd() && peek() == ']') {
                next();
                nesting--;
                return array;
            }
            TomlPosition position = position();
            array.add(value(), position);
            skipBlankLinesAndComments();
            if (!atEnd() && peek() == ',') {
                next();
            } else if (!atEnd() && peek() == ']') {
                next();
                nesting--;
                return array;
            } else {
                throw unexpected("expected , or ] in the array");
            }
        }
    }

    private TomlTable inlineTable() throws TomlSyntaxException {
        TomlTable table = new TomlTable(TomlTable.Origin.INLINE);
        enterNesting();
        next();
        skipBlank();
        if (!atEnd() && peek() == '}') {
            next();
            nesting--;
            return table;
        }
        while (true) {
            skipBlank();
            keyValue(table);
            skipBlank();
            if (!atEnd() && peek() == ',') {
                next();
                skipBlank();
                if (!atEnd() && peek() == '}') {
                    throw error("an inline table cannot end with a comma");
                }
            } else if (!atEnd() && peek() == '}') {
                next();
                nesting--;
                return table;
            } else {
                throw unexpected("expected , or } in the inline table (which must stay on one line)");
            }
        }
    }

    private void enterNesting() throws TomlSyntaxException {
        if (nesting == MAX_NESTING) {
            throw error("arrays and inline tables are nested more than " + MAX_NESTING + " deep");
        }
        nesting++;
    }

    /** A basic ({@code "}, with escapes) or literal ({@code '}) string on one line. */
    private String string(char quote) throws TomlSyntaxException {
        TomlPosition position = position();
        next();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (isLoneCarriageReturn()) {
                throw loneCarriageReturn();
            }
            if (atEnd() || peek() == '\n' || peek() == '\r') {
                throw new TomlSyntaxException(position, "the string is not closed on its line");
            }
            char c = next();
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote == '"') {
                escape(value);
            } else {
                value.append(allowed(c));
            }
        }
    }

    /** A multi-line basic string (with escapes and line-ending backslashes) or literal one, by its quote. */
    private String multiLineString(char quote) throws TomlSyntaxException {
        TomlPosition position = position();
        String delimiter = String.valueOf(quote).repeat(3);
        at += 3;
        skipNewline();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new TomlSyntaxException(position, "the multi-line string is not closed");
            }
            if (text.startsWith(delimiter, at)) {
                return closeMultiLine(value, quote);
            }
            char c = next();
            if (c == '\\' && quote == '"' && isLineEndingBackslash()) {
                skipBlankLinesAndComments(false);
            } else if (c == '\\' && quote == '"') {
                escape(value);
            } else {
                appendMultiLine(value, c);
            }
        }
    }

    /** Up to two quotes may sit right before the closing three. */
    private String closeMultiLine(StringBuilder value, char quote) throws TomlSyntaxException {
        int run = 0;
        while (at + run < text.length() && text.charAt(at + run) == quote) {
            run++;
        }
        if (run > 5) {
            throw error("too many quotes at the end of the multi-line string");
        }
        for (int i = 3; i < run; i++) {
            value.append(quote);
        }
        at += run;
        return value.toString();
    }

    private void appendMultiLine(StringBuilder value, char c) throws TomlSyntaxException {
        if (c == '\r' && !atEnd() && peek() == '\n') {
            return;  // the \n that follows is appended on its own
        }
        value.append(c == '\n' ? c : allowed(c));
    }

    private boolean isLineEndingBackslash() {
        int i = at;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == '\n' || text.startsWith("\r\n", i));
    }

    private void escape(StringBuilder value) throws TomlSyntaxException {
        if (atEnd()) {
            throw error("the string ends inside an escape");
        }
        char c = next();
        switch (c) {
            case 'b': value.append('\b'); break;
            case 't': value.append('\t'); break;
            case 'n': value.append('\n'); break;
            case 'f': value.append('\f'); break;
            case 'r': value.append('\r'); break;
            case '"': value.append('"'); break;
            case '\\': value.append('\\'); break;
            case 'u': value.appendCodePoint(unicode(4)); break;
            case 'U': value.appendCodePoint(unicode(8)); break;
            default: throw new TomlSyntaxException(new TomlPosition(line, at - lineStart - 1), "unknown escape \\" + c, "unknown escape");
        }
    }

    private int unicode(int digits) throws TomlSyntaxException {
        TomlPosition position = new TomlPosition(line, at - lineStart - 1);
        if (at + digits > text.length() || !Radixes.HEX.matcher(text.substring(at, at + digits)).matches()
                || text.substring(at, at + digits).indexOf('_') >= 0) {
            throw new TomlSyntaxException(position, "\\u needs 4 and \\U 8 hexadecimal digits");
        }
        long codePoint = Long.parseLong(text.substring(at, at + digits), 16);
        if (codePoint > Character.MAX_CODE_POINT || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            throw new TomlSyntaxException(position, "not a Unicode scalar value: " + text.substring(at - 2, at + digits),
                    "not a Unicode scalar value");
        }
        at += digits;
        return (int) codePoint;
    }

    /** Control characters other than tab must be escaped in strings and are not allowed in comments. */
    private char allowed(char c) throws TomlSyntaxException {
        if (c == '\r') {
            throw new TomlSyntaxException(new TomlPosition(line, at - lineStart), LONE_CR);
        }
        if (c < 0x20 && c != '\t' || c == 0x7F) {
            throw new TomlSyntaxException(new TomlPosition(line, at - lineStart), String.format("control character U+%04X must be escaped", (int) c));
        }
        return c;
    }

    private void endOfLine() throws TomlSyntaxException {
        skipBlank();
        if (!atEnd() && peek() == '#') {
            comment();
        }
        if (atEnd()) {
            return;
        }
        if (!skipNewline()) {
            throw unexpected("expected the end of the line");
        }
    }

    private void comment() throws TomlSyntaxException {
        while (!atEnd() && peek() != '\n' && !text.startsWith("\r\n", at)) {
            allowed(next());
        }
    }

    private boolean skipNewline() {
        if (text.startsWith("\n", at) || text.startsWith("\r\n", at)) {
            next();
            if (text.charAt(at - 1) == '\r') {
                next();
            }
            return true;
        }
        return false;
    }

    private void skipBlankLinesAndComments() throws TomlSyntaxException {
        skipBlankLinesAndComments(true);
    }

    private void skipBlankLinesAndComments(boolean comments) throws TomlSyntaxException {
        while (true) {
            skipBlank();
            if (comments && !atEnd() && peek() == '#') {
                comment();
            }
            if (!skipNewline()) {
                return;
            }
        }
    }

    private void skipBlank() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            at++;
        }
    }

    private void expect(char c, String purpose) throws TomlSyntaxException {
        expect(c, purpose, purpose);
    }

    private void expect(char c, String purpose, String purposeWithoutContent) throws TomlSyntaxException {
        skipBlank();
        if (atEnd() || peek() != c) {
            throw unexpected("expected " + c + " " + purpose, "expected " + c + " " + purposeWithoutContent);
        }
        next();
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char peek() {
        return text.charAt(at);
    }

    private char next() {
        char c = text.charAt(at++);
        if (c == '\n') {
            line++;
            lineStart = at;
        }
        return c;
    }

    private TomlPosition position() {
        return new TomlPosition(line, at - lineStart + 1);
    }

    private TomlSyntaxException error(String message) {
        return isLoneCarriageReturn() ? loneCarriageReturn() : new TomlSyntaxException(position(), message);
    }

    /** What was expected here, and what was found instead (one character: the message never quotes more). */
    private TomlSyntaxException unexpected(String expected) {
        return unexpected(expected, expected);
    }

    private TomlSyntaxException unexpected(String expected, String expectedWithoutContent) {
        if (isLoneCarriageReturn()) {
            return loneCarriageReturn();
        }
        return new TomlSyntaxException(position(), expected + ", found " + found(), expectedWithoutContent);
    }

    private boolean isLoneCarriageReturn() {
        return !atEnd() && peek() == '\r' && !text.startsWith("\r\n", at);
    }

    private TomlSyntaxException loneCarriageReturn() {
        return new TomlSyntaxException(position(), LONE_CR);
    }

    private String found() {
        if (atEnd()) {
            return "the end of the file";
        }
        char c = peek();
        if (c == '\n' || c == '\r') {
            return "the end of the line";
        }
        return c < 0x20 || c >= 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static String dotted(List<String> keys) {
        return String.join(".", keys);
    }

    private static String describe(Object value) {
        return value instanceof TomlTable ? "a table" : value instanceof TomlArray ? "an array" : "a value";
    }
}
