package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.instrumentation.site.Spans;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-entrancy flag: whatever the agent's own work reaches (here, reading a value through a
 * getter that calls another instrumented method) is left unrecorded, at every site, and so is
 * every call on the agent's own threads. The node's calls are all recorded.
 */
class SiteTableTest {

    private static final String RULE = "[[rule]]\nname = \"%s\"\nkind = \"command\"\nclass.name = \"%s\"\n"
            + "method.name = \"run\"\nvalues.command = \"%s\"\n";

    @TempDir
    Path dir;

    private MetricRegistry registry;
    private SiteTable table;

    @BeforeEach
    void newTable() {
        registry = new MetricRegistry("test", 100, Map.of());
        table = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
    }

    @Test
    void aSiteReachedFromAnotherSitesAdviceIsNotRecorded() throws Exception {
        int inner = site("inner", "inner");
        int outer = site("outer", "$arg0.name()");
        call(outer, new CallingName(inner, "outer"));
        assertEquals(1.0, count("outer"));
        assertEquals(0.0, count("inner"), "the getter's call happened inside the advice");
        call(inner, "a direct call");
        assertEquals(1.0, count("inner"), "the flag is down again after the outer call");
    }

    @Test
    void aSiteReachedFromItsOwnAdviceIsNotRecordedAgain() throws Exception {
        int self = site("self", "$arg0.name()");
        CallingName reentering = new CallingName(-1, "self");
        reentering.site = self;
        call(self, reentering);
        assertEquals(1.0, count("self"), "one call, not one per re-entry");
        assertEquals(0.0, MetricsText.of(registry).value("nodescope_advice_errors_total"));
    }

    @Test
    void callsOnTheAgentsOwnThreadsAreNotRecorded() throws Exception {
        int site = site("own", "own");
        Thread own = AgentThreads.newThread(() -> call(site, "from the agent"), "test-agent-thread");
        own.start();
        own.join();
        Thread node = new Thread(() -> call(site, "from the node"), "test-node-thread");
        node.start();
        node.join();
        assertEquals(1.0, count("own"), "only the node's thread's call");
    }

    private int site(String name, String command) throws Exception {
        String type = "example." + name;
        List<Rule> rules = TestConfigs.load(dir, "[telemetry.metrics]\n" + String.format(RULE, name, type, command)).rules();
        return table.register(table.bind(new MethodShape(type, "run"), rules));
    }

    private void call(int site, Object argument) {
        Object[] arguments = {argument};
        Object state = table.enter(site, null, arguments);
        table.exit(site, System.nanoTime(), state, null, arguments, null, null);
    }

    /** Calls counted for {@code command}; a series with a constant subject exists before its first call. */
    private double count(String command) {
        MetricsText metrics = MetricsText.of(registry);
        String series = "node_command_total{command=\"" + command + "\",status=\"ok\"}";
        return metrics.has(series) ? metrics.value(series) : 0;
    }

    /** An argument whose getter calls an instrumented method, as a node's getter read for a label may. */
    public final class CallingName {
        private int site;
        private final String name;

        CallingName(int site, String name) {
            this.site = site;
            this.name = name;
        }

        public String name() {
            call(site, this);
            return name;
        }
    }
}
