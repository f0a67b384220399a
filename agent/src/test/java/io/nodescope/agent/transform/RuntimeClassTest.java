package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.RuntimeClasses;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule on an interface whose calls all run an abstract base's final method: {@code $class} (the
 * subject's default) labels each call by the subclass that ran it, {@code $declaring_class} by the base.
 */
class RuntimeClassTest {

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'jobs'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.RuntimeClasses$Job'",
            "method.name = 'run'",
            "[[rule]]",
            "name = 'job-bases'",
            "kind = 'operation'",
            "class.supertype = 'io.nodescope.fixture.RuntimeClasses$Job'",
            "method.name = 'run'",
            "values.kind = '$declaring_class'",
            ""));

    @Test
    void eachCallIsLabelledByTheSubclassThatRanTheBasesFinalMethod() {
        RuntimeClasses.Job imports = new RuntimeClasses.ImportJob();
        RuntimeClasses.Job exports = new RuntimeClasses.ExportJob();
        for (int i = 0; i < 4; i++) {
            assertEquals("imported " + i, imports.run(String.valueOf(i)));
            if (i % 2 == 0) {
                assertThrows(IllegalStateException.class, () -> exports.run("x"));
            }
        }
        assertEquals(List.of(
                "node_command_total{command=\"ExportJob\",status=\"error\"} 2.0",
                "node_command_total{command=\"ImportJob\",status=\"ok\"} 4.0"), counted("node_command_total{"));
        assertEquals(List.of(
                "node_operation_total{kind=\"AbstractJob\",status=\"error\"} 2.0",
                "node_operation_total{kind=\"AbstractJob\",status=\"ok\"} 4.0"), counted("node_operation_total{"));
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        assertEquals(1.0, metrics.value("nodescope_instrumented_methods{rule=\"jobs\"}"), "the base's run, the only one");
    }

    /** The exposition's lines of series that counted a call, sorted. */
    private static List<String> counted(String prefix) {
        return MetricsText.of(INSTALLED.registry()).text().lines()
                .filter(line -> line.startsWith(prefix) && !line.endsWith(" 0.0")).sorted().collect(Collectors.toList());
    }
}
