package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-entrancy flag, when rules reach the JDK: the advice's own work (here, reading a value
 * through a getter) may call another instrumented method. A JDK site reached from a JDK site's
 * advice is left unrecorded; a node's site is always recorded, and its calls never read the flag.
 */
class SiteTableTest {

    private static final String RULE = "[[rule]]\nname = \"%s\"\nkind = \"command\"\nclass.name = \"%s\"\n"
            + "method.name = \"run\"\nvalues.command = \"%s\"\n";

    @TempDir
    Path dir;

    private MetricRegistry registry;
    private SiteTable table;

    /**
     * An outer site's advice reads {@code $arg0.name()}, and that getter calls an inner site. Only
     * a JDK site reached from a JDK site's advice, under rules that reach the JDK, is skipped.
     */
    @ParameterizedTest(name = "rules reach the JDK: {0}, outer in the JDK: {1}, inner in the JDK: {2}")
    @CsvSource({
        "true,  true,  true,  0",
        "true,  true,  false, 1",
        "true,  false, true,  1",
        "true,  false, false, 1",
        "false, true,  true,  1",
    })
    void aSiteReachedFromAnotherSitesAdvice(boolean reachesJdk, boolean outerInJdk, boolean innerInJdk, int innerCalls) throws Exception {
        registry = new MetricRegistry("test", 100, Map.of());
        table = new SiteTable(registry, null, registry.self().adviceErrors(), reachesJdk, TestConfigs.keepAllAttributes());
        int inner = site("inner", innerInJdk, "inner");
        int outer = site("outer", outerInJdk, "$arg0.name()");
        call(outer, new CallingName(inner, "outer"));
        assertEquals(1.0, count("outer"));
        assertEquals(innerCalls, count("inner"));
        call(inner, "a direct call");
        assertEquals(innerCalls + 1, count("inner"), "the flag is down again after the outer call");
    }

    private int site(String name, boolean inJdk, String command) throws Exception {
        String type = "example." + name;
        List<Rule> rules = TestConfigs.load(dir, "[telemetry.metrics]\n" + String.format(RULE, name, type, command)).rules();
        return table.register(table.bind(new MethodShape(type, "run"), rules, inJdk));
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

    /** An argument whose getter calls an instrumented method, as a JDK method inside the advice's work would. */
    public final class CallingName {
        private final int site;
        private final String name;

        CallingName(int site, String name) {
            this.site = site;
            this.name = name;
        }

        public String name() {
            call(site, "nested");
            return name;
        }
    }
}
