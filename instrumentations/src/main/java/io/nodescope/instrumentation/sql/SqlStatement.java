package io.nodescope.instrumentation.sql;

import io.nodescope.instrumentation.sql.SqlTokens.Type;
import java.util.Locale;
import java.util.Set;

/**
 * What a call's SQL is reported as: its summary, the operation and main table
 * ({@code SELECT accounts}, {@code INSERT operations}; OpenTelemetry's {@code db.query.summary}),
 * and its text with every literal replaced by {@code ?} ({@code db.query.text}). Made once per SQL
 * text ({@link StatementTexts}), never per call.
 */
public final class SqlStatement {

    /** Longest identifier kept in a summary, per dotted part. */
    static final int MAX_NAME = 64;

    /** Operations that name no table; a statement starting with any other unknown word has no summary. */
    private static final Set<String> BARE = Set.of("COMMIT", "ROLLBACK", "SAVEPOINT", "SET", "SHOW");
    /** What may stand between CREATE, DROP or ALTER and the kind of object. */
    private static final String[] DDL_MODIFIERS = {"OR", "REPLACE", "TEMPORARY", "TEMP", "GLOBAL", "LOCAL", "UNIQUE", "CACHED",
        "MEMORY", "MATERIALIZED", "LINKED", "FORCE"};
    /** Words that can follow an operation where a table name would be, which are not one. */
    private static final Set<String> RESERVED = Set.of("SELECT", "VALUES", "SET", "WHERE", "FROM", "INTO", "USING", "ON", "AS",
            "DEFAULT", "KEY", "TABLE", "WITH", "LATERAL", "UNNEST", "IF", "NOT", "EXISTS");

    private final String summary;
    private final String text;

    private SqlStatement(String summary, String text) {
        this.summary = summary;
        this.text = text;
    }

    /** Reads a statement; never throws, whatever the text. */
    public static SqlStatement parse(String sql) {
        SqlTokens tokens = SqlTokens.of(sql);
        return new SqlStatement(new Summary(tokens).read(), sanitized(tokens));
    }

    /** The operation and its main table, upper-case operation; null when the text could not be read as SQL. */
    public String summary() {
        return summary;
    }

    /** The statement with its literals replaced by {@code ?}, comments left out, white space collapsed. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return summary + ": " + text;
    }

    private static String sanitized(SqlTokens tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.count(); i++) {
            if (i > 0 && tokens.spacedBefore(i)) {
                text.append(' ');
            }
            text.append(tokens.type(i) == Type.LITERAL ? "?" : tokens.text(i));
        }
        if (tokens.cut()) {
            text.append(" ...");
        }
        return text.toString();
    }

    /** Reads the first statement's operation and main table from its tokens. */
    private static final class Summary {
        private final SqlTokens tokens;

        Summary(SqlTokens tokens) {
            this.tokens = tokens;
        }

        String read() {
            int i = 0;
            // JDBC's escape for a call, {call p(?)} or {? = call p(?)}, and a statement in parentheses
            while (tokens.isSymbol(i, '{') || tokens.isSymbol(i, '(') || tokens.isSymbol(i, '?') || tokens.isSymbol(i, '=')) {
                i++;
            }
            return statementAt(i);
        }

        private String statementAt(int i) {
            if (i >= tokens.count() || tokens.type(i) != Type.WORD) {
                return null;
            }
            String operation = tokens.text(i).toUpperCase(Locale.ROOT);
            switch (operation) {
                case "WITH":
                    return statementAt(mainStatementAfterWith(i + 1));
                case "SELECT":
                    return withTable(operation, selectTable(i + 1));
                case "INSERT":
                case "REPLACE":
                case "UPSERT":
                case "MERGE":
                    return withTable(operation, name(skipWords(i + 1, "INTO", "IGNORE", "OR", "REPLACE", "OVERWRITE", "TABLE")));
                case "UPDATE":
                    return withTable(operation, name(skipWords(i + 1, "ONLY", "LOW_PRIORITY", "IGNORE")));
                case "DELETE":
                    return withTable(operation, name(skipWords(i + 1, "FROM", "ONLY", "LOW_PRIORITY", "QUICK", "IGNORE")));
                case "TRUNCATE":
                    return withTable(operation, name(skipWords(i + 1, "TABLE", "ONLY")));
                case "CALL":
                case "EXEC":
                case "EXECUTE":
                    return withTable("CALL", name(i + 1));
                case "CREATE":
                case "DROP":
                case "ALTER":
                    return ddl(operation, i + 1);
                default:
                    return BARE.contains(operation) ? operation : null;
            }
        }

        /** The token after the common table expressions: {@code WITH [RECURSIVE] a [(cols)] AS (...), b AS (...) SELECT}. */
        private int mainStatementAfterWith(int i) {
            int depth = 0;
            for (; i < tokens.count(); i++) {
                if (tokens.isSymbol(i, '(')) {
                    depth++;
                } else if (tokens.isSymbol(i, ')')) {
                    depth--;
                } else if (depth == 0 && tokens.isSymbol(i, ';')) {
                    return tokens.count();
                } else if (depth == 0 && (tokens.isWord(i, "SELECT") || tokens.isWord(i, "INSERT") || tokens.isWord(i, "UPDATE")
                        || tokens.isWord(i, "DELETE") || tokens.isWord(i, "MERGE"))) {
                    return i;
                }
            }
            return i;
        }

        /** The first table after the select's own FROM, a derived table's own when it selects from one; null when none. */
        private String selectTable(int i) {
            int depth = 0;
            for (; i < tokens.count(); i++) {
                if (tokens.isSymbol(i, '(')) {
                    depth++;
                } else if (tokens.isSymbol(i, ')')) {
                    if (--depth < 0) {
                        return null;
                    }
                } else if (depth == 0 && tokens.isSymbol(i, ';')) {
                    return null;
                } else if (depth == 0 && tokens.isWord(i, "FROM")) {
                    return tokens.isSymbol(i + 1, '(') ? selectTable(skipWords(i + 2, "SELECT")) : name(i + 1);
                }
            }
            return null;
        }

        private String ddl(String operation, int i) {
            i = skipWords(i, DDL_MODIFIERS);
            if (i >= tokens.count() || tokens.type(i) != Type.WORD) {
                return null;
            }
            String object = tokens.text(i).toUpperCase(Locale.ROOT);
            if (RESERVED.contains(object) && !object.equals("TABLE")) {
                return null;
            }
            String name = name(skipWords(i + 1, "IF", "NOT", "EXISTS"));
            return name == null ? operation + " " + object : operation + " " + object + " " + name;
        }

        private int skipWords(int i, String... words) {
            boolean skipped = true;
            while (skipped) {
                skipped = false;
                for (String word : words) {
                    if (tokens.isWord(i, word)) {
                        i++;
                        skipped = true;
                    }
                }
            }
            return i;
        }

        /** A table or procedure name at {@code i}: parts joined by dots, quotes and brackets taken off; null when there is none. */
        private String name(int i) {
            StringBuilder name = new StringBuilder();
            for (int part = 0; part < 3; part++) {
                String text = namePart(i);
                if (text == null) {
                    break;
                }
                if (part > 0) {
                    name.append('.');
                }
                name.append(text.length() > MAX_NAME ? text.substring(0, MAX_NAME) : text);
                i += tokens.isSymbol(i, '[') ? 3 : 1;
                if (!tokens.isSymbol(i, '.')) {
                    break;
                }
                i++;
            }
            return name.length() == 0 ? null : name.toString();
        }

        private String namePart(int i) {
            if (i >= tokens.count()) {
                return null;
            }
            if (tokens.type(i) == Type.WORD) {
                return RESERVED.contains(tokens.text(i).toUpperCase(Locale.ROOT)) ? null : tokens.text(i);
            }
            if (tokens.type(i) == Type.QUOTED) {
                String quoted = tokens.text(i);
                String inner = quoted.length() >= 2 && quoted.charAt(quoted.length() - 1) == quoted.charAt(0)
                        ? quoted.substring(1, quoted.length() - 1) : quoted.substring(1);
                String quote = quoted.substring(0, 1);
                return inner.isEmpty() ? null : inner.replace(quote + quote, quote);
            }
            // SQL Server's [name]; only around a single word, so that an ARRAY[1, 2] is never read as a name
            if (tokens.isSymbol(i, '[') && i + 2 < tokens.count() && tokens.type(i + 1) == Type.WORD && tokens.isSymbol(i + 2, ']')) {
                return tokens.text(i + 1);
            }
            return null;
        }

        private static String withTable(String operation, String table) {
            return table == null ? operation : operation + " " + table;
        }
    }
}
