package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Nesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules a user writes on code that calls itself: every method of an abstract base whose final entry
 * point calls an abstract step, and a store whose query runs another query inside. By default only
 * the outermost call of a kind on a thread is recorded; {@code nested = "each"} records them all.
 */
class NestedCallsTest {

    private static final String RULES = String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'handlers'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Nesting$AbstractHandler'",
            "values.command = 'handle'",
            "[[rule]]",
            "name = 'store'",
            "kind = 'triple_store'",
            "class.name = 'io.nodescope.fixture.Nesting$Store'",
            "method.name = 'query'",
            "values.type = '$arg0'",
            "[[rule]]",
            "name = 'counted-store'",
            "kind = 'repository'",
            "class.name = 'io.nodescope.fixture.Nesting$CountedStore'",
            "method.name = 'query'",
            "values.query = 'query'",
            "nested = 'each'",
            "");
    private static final String OK = "node_command_total{command=\"handle\",status=\"ok\"}";
    private static final String ERROR = "node_command_total{command=\"handle\",status=\"error\"}";

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(RULES);

    @Test
    void aFinalEntryPointAndTheStepItCallsCountAsOneCallAndOneFailure() {
        for (int i = 0; i < 10; i++) {
            assertEquals("in", new Nesting.EchoHandler().handle("in"));
        }
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> new Nesting.FailingHandler().handle("in"));
        }
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(10.0, metrics.value(OK), "handle() and apply() are one command");
        assertEquals(3.0, metrics.value(ERROR), "the failure thrown in apply() is counted once");
        assertEquals(3.0, metrics.value("nodescope_instrumented_methods{rule=\"handlers\"}"), "handle and both apply methods");
    }

    @Test
    void aQueryRunInsideAnotherCountsOnceAndEachCallWhenTheRuleSaysSo() {
        new Nesting.Store().query("DESCRIBE <urn:a>");
        new Nesting.Store().query("SELECT * WHERE { ?s ?p ?o }");
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(1.0, metrics.value("node_triple_store_query_duration_seconds_count{status=\"ok\",type=\"DESCRIBE <urn:a>\"}"));
        assertEquals(1.0, metrics.value("node_triple_store_query_duration_seconds_count{status=\"ok\","
                + "type=\"SELECT * WHERE { ?s ?p ?o }\"}"), "only the SELECT the client asked for");

        new Nesting.CountedStore().query("DESCRIBE <urn:a>");
        assertEquals(2.0, MetricsText.of(INSTALLED.registry()).value("node_repository_query_duration_seconds_count{query=\"query\",status=\"ok\"}"),
                "nested = 'each': the DESCRIBE and the SELECT inside it");
    }

    @Test
    void callsOnAnotherThreadAreNotNested() throws Exception {
        double before = MetricsText.of(INSTALLED.registry()).value(OK);
        Nesting.AbstractHandler outer = new Nesting.AbstractHandler() {
            @Override
            protected String apply(String input) {
                Thread other = new Thread(() -> new Nesting.EchoHandler().handle(input));
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return input;
            }
        };
        outer.handle("in");
        assertEquals(before + 2, MetricsText.of(INSTALLED.registry()).value(OK), "the outer call and the one its thread made");
    }
}
