package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** The sample node with the agent attached serves the pilot metrics, on every JDK the tests know. */
class MetricsIT {

    private static final List<String> TASKS = List.of("sync", "peer_discovery", "cleanup");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.nodescope.agent.it.TestPaths#javaHomes")
    void everyCatalogMetricIsServedWithData(Path javaHome) throws Exception {
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().javaHome(javaHome).agent(config)
                .arguments("--port", "0", "--workload-seconds", "120", "--workload-rate", "40").start()) {
            node.awaitListening(Patience.START);
            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has("node_sync_last_success_unix")
                    && value(m, "node_command_total{command=\"publish\",status=\"ok\"}") > 0
                    && value(m, "node_command_total{command=\"publish\",status=\"error\"}") > 0
                    && value(m, "node_command_total{command=\"cleanup\",status=\"ok\"}") > 0
                    && TASKS.stream().allMatch(task -> value(m, "node_task_duration_seconds_count{status=\"ok\",task=\"" + task + "\"}") > 0
                            && value(m, "node_task_runs_total{status=\"ok\",task=\"" + task + "\"}") > 0)
                    && CatalogData.missing(m).isEmpty(),
                    // A sync run fails when any chain's simulated fetch does (about one in four) and then backs
                    // off up to 16 s, so a successful run of every task can take a while on an unlucky start.
                    Patience.DATA);

            double publishCount = value(metrics, "node_command_duration_seconds_count{command=\"publish\",status=\"ok\"}");
            double publishSum = value(metrics, "node_command_duration_seconds_sum{command=\"publish\",status=\"ok\"}");
            assertTrue(publishSum / publishCount > 0.0001 && publishSum / publishCount < 1,
                    "mean publish time is a plausible number of seconds: " + publishSum / publishCount);
            assertEquals(publishCount, value(metrics,
                    "node_command_duration_seconds_bucket{command=\"publish\",status=\"ok\",le=\"+Inf\"}"));
            double heartbeat = value(metrics, "node_sync_last_success_unix");
            assertTrue(Math.abs(heartbeat - System.currentTimeMillis() / 1000.0) < 60, "heartbeat is recent: " + heartbeat);
            assertEquals(1.0, value(metrics, "nodescope_build_info{version=\"" + System.getProperty("nodescope.version", "0.1.0-SNAPSHOT") + "\"}"));
            assertTrue(value(metrics, "nodescope_instrumented_methods{rule=\"node-commands\"}") >= 5, metrics.text());
            assertTrue(value(metrics, "nodescope_instrumented_methods{rule=\"node-tasks\"}") >= 3);
            assertEquals(1.0, value(metrics, "nodescope_instrumented_methods{rule=\"sync-heartbeat\"}"));
            // what the agent cost the node's start: its premain, and each class the JVM handed its transformer
            assertTrue(value(metrics, "nodescope_premain_seconds") > 0, metrics.text());
            assertTrue(value(metrics, "nodescope_class_transform_duration_seconds_count{result=\"rewritten\"}") >= 9, metrics.text());
            assertTrue(value(metrics, "nodescope_class_transform_duration_seconds_count{result=\"skipped\"}") > 100, metrics.text());
            assertTrue(value(metrics, "nodescope_rule_rewrite_duration_seconds_count{rule=\"node-commands\"}") >= 5, metrics.text());
            assertEquals(0.0, value(metrics, "nodescope_advice_errors_total"));
            assertTrue(value(metrics, "jvm_threads_current") > 5, "JVM metrics are served:\n" + metrics.text());
            assertTrue(value(metrics, "process_cpu_seconds_total") > 0, "process metrics are served");

            assertFalse(node.output().contains("sun.misc.Unsafe"), "no JVM warning about Unsafe:\n" + node.output());
            if (javaHome.equals(Path.of(System.getProperty("java.home")))) {
                assertFalse(node.output().contains("Sharing is only supported"), "class data sharing stays on:\n" + node.output());
            }

            Path exposition = dir.resolve("metrics.txt");
            Files.writeString(exposition, Scrape.text(metricsPort));
            Promtool.checkMetrics(exposition);
        }
    }

    private static double value(MetricsText metrics, String sample) {
        return metrics.has(sample) ? metrics.value(sample) : 0;
    }
}
