package io.nodescope.agent.sites;

import io.nodescope.instrumentation.site.MetricPoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.instrumentation.site.AttributeHash;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules on code that runs SQL, as a user writes them for their own data access: a {@code prepare}
 * rule remembers the SQL a query object is made with, a {@code repository} rule reads it from the
 * object ({@code values.sql = "$this"}) or from a text argument ({@code "$arg0"}). The statement's
 * summary labels the series and names the span; SQL that cannot be read falls back to the rule's
 * {@code query}; the span carries the text without literals and the summary, as the policy lets them out.
 */
class SqlStatementsTest {

    private static final String RULES = String.join("\n",
            "[[rule]]",
            "name = 'make-query'",
            "kind = 'prepare'",
            "class.name = 'example.Db'",
            "method.name = 'prepare'",
            "values.sql = '$arg0'",
            "[[rule]]",
            "name = 'run-query'",
            "kind = 'repository'",
            "class.name = 'example.Query'",
            "method.name = 'run'",
            "values.sql = '$this'",
            "values.query = '$method'",
            "[[rule]]",
            "name = 'run-sql'",
            "kind = 'repository'",
            "class.name = 'example.Db'",
            "method.name = 'execute'",
            "values.sql = '$arg0'",
            "values.query = '$method'",
            "");

    @TempDir
    Path dir;

    @Test
    void theSummaryOfThePreparedOrGivenSqlLabelsTheSeriesAndTheSpan() throws Exception {
        Calls calls = new Calls("[telemetry.metrics]\n[telemetry.traces]\n" + RULES);
        Object query = new Object();
        calls.prepare(query, "SELECT balance FROM accounts WHERE owner = 'alice'");
        for (int i = 0; i < 3; i++) {
            calls.run(query, null);
        }
        calls.run(new Object(), null);  // made by no prepare rule: the method
        calls.execute("insert into operations (id) values (7)", null);
        calls.execute("INSERT INTO missing VALUES (1)", new IllegalStateException("no table"));
        calls.execute("not sql at all", null);

        MetricsText metrics = calls.metrics();
        assertEquals(3.0, metrics.value("node_repository_query_duration_seconds_count{query=\"SELECT accounts\",status=\"ok\"}"));
        assertEquals(1.0, metrics.value("node_repository_query_duration_seconds_count{query=\"run\",status=\"ok\"}"));
        assertEquals(1.0, metrics.value("node_repository_query_duration_seconds_count{query=\"INSERT operations\",status=\"ok\"}"));
        assertEquals(1.0, metrics.value("node_repository_query_duration_seconds_count{query=\"INSERT missing\",status=\"error\"}"));
        assertEquals(0.0, metrics.value("node_repository_query_duration_seconds_count{query=\"INSERT missing\",status=\"ok\"}"));
        assertEquals(1.0, metrics.value("node_repository_query_duration_seconds_count{query=\"execute\",status=\"ok\"}"));

        SpanData select = calls.spans().get(0);
        assertEquals("repository.SELECT accounts", select.getName());
        assertEquals("SELECT balance FROM accounts WHERE owner = ?", attribute(select, "db.query.text"));
        assertEquals("SELECT accounts", attribute(select, "db.query.summary"));
        assertEquals("SELECT accounts", attribute(select, "query"));
        SpanData unknown = calls.spans().get(3);
        assertEquals("repository.run", unknown.getName());
        assertNull(attribute(unknown, "db.query.text"));
        assertNull(attribute(unknown, "db.query.summary"));
        SpanData insert = calls.spans().get(4);
        assertEquals("insert into operations (id) values (?)", attribute(insert, "db.query.text"));
        SpanData garbage = calls.spans().get(6);
        assertEquals("repository.execute", garbage.getName());
        assertEquals("not sql at all", attribute(garbage, "db.query.text"));
        assertNull(attribute(garbage, "db.query.summary"));
    }

    @Test
    void theQueryTextAndSummaryCanBeDroppedOrHashed() throws Exception {
        Calls dropped = new Calls("[telemetry.traces]\ndrop_attributes = ['db.query.text', 'db.query.summary']\n" + RULES);
        dropped.execute("DELETE FROM operations WHERE id = 3", null);
        SpanData span = dropped.spans().get(0);
        assertEquals("repository.DELETE operations", span.getName());
        assertNull(attribute(span, "db.query.text"));
        assertNull(attribute(span, "db.query.summary"));

        Calls hashed = new Calls("[telemetry.traces]\nhash_attributes = ['db.query.text']\n" + RULES);
        hashed.execute("DELETE FROM operations WHERE id = 3", null);
        assertEquals(AttributeHash.of("DELETE FROM operations WHERE id = ?"), attribute(hashed.spans().get(0), "db.query.text"));
        assertEquals("DELETE operations", attribute(hashed.spans().get(0), "db.query.summary"));
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    /** The rules' three methods bound as sites, called as the advice calls them. */
    private final class Calls {
        private final MetricRegistry registry = new MetricRegistry("test", 1000, Map.of());
        private final List<SpanData> spans = new ArrayList<>();
        private final SiteTable table;
        private final int prepare;
        private final int run;
        private final int execute;

        Calls(String toml) throws Exception {
            AgentConfig config = TestConfigs.load(dir, toml);
            SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(spans))).build();
            TracerSlot slot = new TracerSlot(config.spanAttributes(), MetricPoints.Counter.NONE);
            slot.fill(provider.get("test"));
            table = new SiteTable(registry, slot, new CounterPoint(), config.spanAttributes());
            prepare = site(config, "example.Db", "prepare", "make-query");
            run = site(config, "example.Query", "run", "run-query");
            execute = site(config, "example.Db", "execute", "run-sql");
        }

        private int site(AgentConfig config, String className, String method, String rule) {
            List<Rule> rules = config.rules().stream().filter(r -> r.name().equals(rule)).collect(Collectors.toList());
            return table.register(table.bind(new MethodShape(className, method, 1, false, null), rules));
        }

        void prepare(Object made, String sql) {
            call(prepare, null, new Object[] {sql}, made, null);
        }

        void run(Object query, Throwable thrown) {
            call(run, query, new Object[0], null, thrown);
        }

        void execute(String sql, Throwable thrown) {
            call(execute, null, new Object[] {sql}, null, thrown);
        }

        private void call(int site, Object self, Object[] arguments, Object returned, Throwable thrown) {
            Object state = table.enter(site, self, arguments);
            table.exit(site, System.nanoTime(), state, self, arguments, returned, thrown);
        }

        MetricsText metrics() {
            return MetricsText.of(registry);
        }

        List<SpanData> spans() {
            return spans;
        }
    }
}
