package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Requests.QueryType;
import io.nodescope.fixture.Requests.Request;
import io.nodescope.fixture.Requests.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A value tried from alternatives in order, and a value cased, on calls the rules select. */
class ValueFallbacksTest {

    private static final String RULES = String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'requests'",
            "kind = 'command'",
            "class.name = 'io.nodescope.fixture.Requests$Server'",
            "method.name = 'serve'",
            "values.command = ['$arg0.command', '$class']",
            "[[rule]]",
            "name = 'queries'",
            "kind = 'triple_store'",
            "class.name = 'io.nodescope.fixture.Requests$Server'",
            "method.name = 'query'",
            "values.type = { from = ['$arg0.type', 'unknown-type'], case = 'lower' }",
            "");

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(RULES);

    @Test
    void anAbsentOrEmptyValueFallsBackToTheNextAlternative() {
        Server server = new Server();
        for (int i = 0; i < 4; i++) {
            server.serve(new Request("publish", null));
        }
        server.serve(new Request(null, null));
        server.serve(new Request("", null));
        server.serve(null);
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(4.0, metrics.value("node_command_total{command=\"publish\",status=\"ok\"}"), metrics.text());
        assertEquals(3.0, metrics.value("node_command_total{command=\"Server\",status=\"ok\"}"), metrics.text());
        assertFalse(metrics.has("node_command_total{command=\"unknown\",status=\"ok\"}"), metrics.text());
    }

    @Test
    void aCasedValueLabelsEveryCallTheSame() {
        Server server = new Server();
        for (int i = 0; i < 5; i++) {
            server.query(new Request(null, QueryType.SELECT));
        }
        server.query(new Request(null, QueryType.ASK));
        server.query(new Request(null, null));
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(5.0, metrics.value("node_triple_store_query_duration_seconds_count{status=\"ok\",type=\"select\"}"), metrics.text());
        assertEquals(1.0, metrics.value("node_triple_store_query_duration_seconds_count{status=\"ok\",type=\"ask\"}"), metrics.text());
        assertEquals(1.0, metrics.value("node_triple_store_query_duration_seconds_count{status=\"ok\",type=\"unknown-type\"}"),
                metrics.text());
        assertFalse(metrics.has("node_triple_store_query_duration_seconds_count{status=\"ok\",type=\"SELECT\"}"), metrics.text());
    }
}
