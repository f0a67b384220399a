package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.SelfDescribing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule whose value is read through a method the rule itself selects, as a newcomer writes it:
 * every method of a handler interface, labelled by {@code $this.describe()}, and a second rule
 * labelled by {@code $this}, whose {@code toString()} is selected as well. Reading a label must not
 * re-enter the advice: each of the node's calls counts once, and the agent reports no error.
 */
class ReentrancyTest {

    private static final String RULES = String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'handlers'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.SelfDescribing$Handler'",
            "values.command = '$this.describe()'",
            "[[rule]]",
            "name = 'printed'",
            "kind = 'operation'",
            "class.supertype = 'io.nodescope.fixture.SelfDescribing$Handler'",
            "method.name = 'handle'",
            "values.kind = '$this'");
    private static final int CALLS = 1000;

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(RULES);

    @Test
    void aLabelReadThroughASelectedMethodCountsEachCallOnce() {
        SelfDescribing.Handler handler = new SelfDescribing.EchoHandler();
        for (int i = 0; i < CALLS; i++) {
            assertEquals("in " + i, handler.handle("in " + i));
        }
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(CALLS, metrics.value("node_command_total{command=\"echo\",status=\"ok\"}"),
                "handle() once per call; describe() and toString() only ever ran inside the advice");
        assertEquals(CALLS, metrics.value("node_operation_total{kind=\"EchoHandler echo\",status=\"ok\"}"));
        assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));
        assertEquals(3.0, metrics.value("nodescope_instrumented_methods{rule=\"handlers\"}"), "handle, describe and toString");
    }

    @Test
    void theNodesOwnCallsOfTheSameMethodsAreCounted() {
        SelfDescribing.Handler handler = new SelfDescribing.EchoHandler();
        double before = MetricsText.of(INSTALLED.registry()).value("node_command_total{command=\"echo\",status=\"ok\"}");
        assertEquals("echo", handler.describe());
        assertEquals("EchoHandler echo", handler.toString());
        double after = MetricsText.of(INSTALLED.registry()).value("node_command_total{command=\"echo\",status=\"ok\"}");
        assertEquals(2.0, after - before, "describe() and toString(), both from the node; the describe() toString() calls is"
                + " nested in it, and a rule records the outermost call of its kind");
    }
}
