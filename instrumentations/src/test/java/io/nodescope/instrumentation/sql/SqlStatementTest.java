package io.nodescope.instrumentation.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SqlStatementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT id, balance FROM accounts WHERE id = ?                        | SELECT accounts",
        "select * from accounts a join owners o on a.owner = o.id            | SELECT accounts",
        "SELECT 1                                                             | SELECT",
        "SELECT (SELECT max(x) FROM limits) AS m FROM accounts                | SELECT accounts",
        "SELECT * FROM (SELECT id FROM operations WHERE done) o               | SELECT operations",
        "/* the ledger */ SELECT -- balance\\n * FROM accounts                 | SELECT accounts",
        "INSERT INTO operations (id, kind) VALUES (?, ?)                      | INSERT operations",
        "insert into operations values (1, 'it''s', 2.5e-3, x'ff')            | INSERT operations",
        "INSERT INTO archive (id) SELECT id FROM operations WHERE done        | INSERT archive",
        "UPDATE accounts SET balance = balance - 10 WHERE id = 7              | UPDATE accounts",
        "DELETE FROM operations WHERE created < now()                         | DELETE operations",
        "MERGE INTO accounts KEY (id) VALUES (1, 100)                         | MERGE accounts",
        "MERGE INTO accounts t USING incoming s ON t.id = s.id WHEN MATCHED THEN UPDATE SET balance = s.balance | MERGE accounts",
        "WITH recent AS (SELECT * FROM operations WHERE day = 3) SELECT * FROM recent r | SELECT recent",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) INSERT INTO numbers SELECT n FROM t | INSERT numbers",
        "CALL refresh_balances(?)                                             | CALL refresh_balances",
        "{call ledger.close_day(?, ?)}                                        | CALL ledger.close_day",
        "{? = call next_id()}                                                 | CALL next_id",
        "SELECT * FROM public.accounts                                        | SELECT public.accounts",
        "SELECT * FROM \"Ledger\".\"Accounts\"                                | SELECT Ledger.Accounts",
        "SELECT * FROM `accounts`                                             | SELECT accounts",
        "SELECT * FROM [dbo].[accounts]                                       | SELECT dbo.accounts",
        "SELECT * FROM \"odd \"\"name\"\"\"                                   | SELECT odd \"name\"",
        "INSERT INTO operations VALUES (1); DELETE FROM accounts              | INSERT operations",
        "CREATE TABLE IF NOT EXISTS accounts (id INT PRIMARY KEY)             | CREATE TABLE accounts",
        "create unique index accounts_owner on accounts(owner)               | CREATE INDEX accounts_owner",
        "DROP TABLE operations                                                | DROP TABLE operations",
        "TRUNCATE TABLE operations                                            | TRUNCATE operations",
        "(SELECT id FROM accounts) UNION (SELECT id FROM archive)             | SELECT accounts",
        "commit                                                               | COMMIT",
    })
    void summarizesTheOperationAndMainTable(String sql, String summary) {
        assertEquals(summary, SqlStatement.parse(sql.replace("\\n", "\n")).summary());
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", "   ", "-- only a comment", "hello world", "42", "'text'", "(((", "?", "{}", "\u0000\u0001"})
    void textThatIsNotSqlHasNoSummary(String sql) {
        assertNull(SqlStatement.parse(sql).summary());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT * FROM accounts WHERE owner = 'alice' AND id = 42             | SELECT * FROM accounts WHERE owner = ? AND id = ?",
        "SELECT * FROM t WHERE a = 'it''s' OR b = 'x'                         | SELECT * FROM t WHERE a = ? OR b = ?",
        "UPDATE t SET x = -1.5e-3, y = .5, z = 0xFF WHERE v = $$body$$        | UPDATE t SET x = -?, y = ?, z = ? WHERE v = ?",
        "SELECT a /* secret 'x' */ FROM t -- trailing 99                      | SELECT a FROM t",
        "SELECT t1.c2, \"col 3\" FROM t1 WHERE c2 = ?                         | SELECT t1.c2, \"col 3\" FROM t1 WHERE c2 = ?",
        "SELECT * FROM t WHERE name = 'unclosed and secret                    | SELECT * FROM t WHERE name = ?",
        "SELECT * FROM t WHERE v = $tag$ it's $$ here $tag$ AND w = 1         | SELECT * FROM t WHERE v = ? AND w = ?",
        "insert into t values (1,2)                                           | insert into t values (?,?)",
    })
    void replacesEveryLiteralByAQuestionMark(String sql, String text) {
        assertEquals(text, SqlStatement.parse(sql).text());
    }

    @Test
    void aLongStatementIsReadOnlyFromItsStart() {
        StringBuilder sql = new StringBuilder("SELECT * FROM accounts WHERE id IN (");
        for (int i = 0; i < 10_000; i++) {
            sql.append(i).append(", ");
        }
        sql.append("0)");
        SqlStatement statement = SqlStatement.parse(sql.toString());
        assertEquals("SELECT accounts", statement.summary());
        assertTrue(statement.text().length() <= SqlTokens.MAX_CHARS + 4, "bounded: " + statement.text().length());
        assertTrue(statement.text().endsWith(" ..."), statement.text());
        assertFalse(statement.text().matches(".*\\d.*"), "no number left");
    }

    @Test
    void namesInTheSummaryAreBounded() {
        String name = "t".repeat(500);
        assertEquals("SELECT " + "t".repeat(SqlStatement.MAX_NAME), SqlStatement.parse("SELECT * FROM " + name).summary());
    }
}
