package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Ledger;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules a user writes on their own data access, as the JDBC pack does on JDBC's: a {@code prepare}
 * rule remembers the SQL a query is made with, and a {@code repository} rule labels the query's runs
 * by its summary, read once when the query was made, never per call.
 */
class StatementRulesTest {

    private static final String RULES = String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'make-query'",
            "kind = 'prepare'",
            "class.name = 'io.nodescope.fixture.Ledger'",
            "method.name = 'prepare'",
            "values.sql = '$arg0'",
            "[[rule]]",
            "name = 'run-query'",
            "kind = 'repository'",
            "class.name = 'io.nodescope.fixture.Ledger$Query'",
            "method.name = 'run'",
            "values.sql = '$this'",
            "values.query = '$method'",
            "[[rule]]",
            "name = 'run-sql'",
            "kind = 'repository'",
            "class.name = 'io.nodescope.fixture.Ledger'",
            "method.name = 'execute'",
            "values.sql = '$arg0'",
            "values.query = '$method'",
            "");

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(RULES);

    @Test
    void runsAreLabelledByTheSummaryOfTheSqlTheQueryWasMadeWith() {
        Ledger ledger = new Ledger();
        Ledger.Query balance = ledger.prepare("select balance from ledger.accounts where owner = ?");
        for (int i = 0; i < 4; i++) {
            balance.run();
        }
        ledger.execute("UPDATE accounts SET balance = 0 WHERE owner = 'mallory'");
        assertThrows(IllegalStateException.class, () -> ledger.execute("DELETE FROM missing WHERE id = 1"));
        ledger.execute("VACUUM");
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(4.0, metrics.value(series("SELECT ledger.accounts", "ok")));
        assertEquals(1.0, metrics.value(series("UPDATE accounts", "ok")));
        assertEquals(1.0, metrics.value(series("DELETE missing", "error")));
        assertEquals(1.0, metrics.value(series("execute", "ok")), "SQL the summary cannot read: the method");
    }

    @Test
    void runningAPreparedQueryAllocatesNothingPerCall() {
        Ledger.Query query = new Ledger().prepare("SELECT * FROM accounts");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += query.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += query.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum > 0);
        assertEquals(120_000.0, MetricsText.of(INSTALLED.registry()).value(series("SELECT accounts", "ok")));
        assertTrue(allocated < 100_000, "100000 calls allocated " + allocated + " bytes");
    }

    private static String series(String query, String status) {
        return "node_repository_query_duration_seconds_count{query=\"" + query + "\",status=\"" + status + "\"}";
    }
}
