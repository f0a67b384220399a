package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Catalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessConfigTest {

    @TempDir
    Path dir;

    private static final String METRICS = "[telemetry.metrics]\n";

    @Test
    void readsEachKindOfCheckWithItsDefaults() throws Exception {
        AgentConfig config = TestConfigs.load(dir, String.join("\n",
                METRICS,
                "[[telemetry.health.ready]]",
                "name = 'sync-heartbeat'",
                "check = 'heartbeat_age'",
                "max_age_seconds = 60",
                "[[telemetry.health.ready]]",
                "name = 'command-errors'",
                "check = 'error_ratio'",
                "metric = 'node_command_total'",
                "window_minutes = 5",
                "max_ratio = 0.2",
                "[[telemetry.health.ready]]",
                "name = 'publish-returns'",
                "check = 'recent_success'",
                "metric = 'node_command_duration_seconds'",
                "labels = { command = 'publish' }",
                "within_seconds = 300"));
        List<ReadinessCheck> checks = config.readiness();
        assertEquals(3, checks.size());
        ReadinessCheck heartbeat = checks.get(0);
        assertEquals(ReadinessCheck.Type.HEARTBEAT_AGE, heartbeat.type());
        assertEquals(Catalog.SYNC_LAST_SUCCESS, heartbeat.metric());
        assertEquals(60, heartbeat.seconds());
        ReadinessCheck errors = checks.get(1);
        assertEquals(300, errors.seconds());
        assertEquals(0.2, errors.maxRatio());
        assertEquals(10, errors.minCalls());
        ReadinessCheck returns = checks.get(2);
        assertEquals(Catalog.COMMAND_DURATION, returns.metric());
        assertEquals(Map.of("command", "publish"), returns.labels());
    }

    @Test
    void withoutHealthSectionThereAreNoChecks() throws Exception {
        assertTrue(TestConfigs.load(dir, METRICS).readiness().isEmpty());
    }

    @Test
    void mistakesAreLocatedAndSayWhatToWrite() {
        List<ConfigProblem> problems = problems(String.join("\n",
                METRICS,
                "[[telemetry.health.ready]]",
                "name = 'a'",
                "check = 'heartbeat'",
                "[[telemetry.health.ready]]",
                "name = 'b'",
                "check = 'error_ratio'",
                "metric = 'node_sync_queue_depth'",
                "window_minutes = 61",
                "max_ratio = 1.5",
                "[[telemetry.health.ready]]",
                "name = 'c'",
                "check = 'recent_success'",
                "metric = 'node_command_total'",
                "labels = { status = 'ok', peer = 'x' }",
                "within_seconds = 10",
                "max_age_seconds = 10",
                "[[telemetry.health.ready]]",
                "name = 'a'",
                "check = 'heartbeat_age'",
                "[[telemetry.health.ready]]",
                "name = 'd'",
                "check = 'heartbeat_age'",
                "max_age_seconds = 60",
                "[[telemetry.health.ready]]",
                "name = 'd'",
                "check = 'heartbeat_age'",
                "max_age_seconds = 60"));
        ConfigProblem unknown = find(problems, "telemetry.health.ready[1].check");
        assertEquals(5, unknown.line());
        assertTrue(unknown.message().contains("\"heartbeat_age\", \"error_ratio\", \"recent_success\""), unknown.message());
        assertTrue(find(problems, "telemetry.health.ready[2].metric").message().contains("node_command_total"));
        assertTrue(find(problems, "telemetry.health.ready[2].window_minutes").message().startsWith("must be 1 to 60"));
        assertTrue(find(problems, "telemetry.health.ready[2].max_ratio").message().contains("below 1.0"));
        assertTrue(find(problems, "telemetry.health.ready[3].labels.status").message().contains("reads the status label itself"));
        assertTrue(find(problems, "telemetry.health.ready[3].labels.peer").message().contains("its labels are command"));
        assertTrue(find(problems, "telemetry.health.ready[3].max_age_seconds").message().startsWith("unknown key"));
        assertTrue(find(problems, "telemetry.health.ready[4]").message().contains("needs max_age_seconds"));
        assertTrue(find(problems, "telemetry.health.ready[6].name").message().contains("already used"));
    }

    @Test
    void checksNeedTheMetricsListener() {
        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.metrics]", "enabled = false",
                "[[telemetry.health.ready]]", "name = 'sync'", "check = 'heartbeat_age'", "max_age_seconds = 60"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("[telemetry.metrics] enabled = true"), problems.toString());
        List<ConfigProblem> pushOnly = problems(String.join("\n",
                "[telemetry.metrics]", "exporters = ['otlp']",
                "[[telemetry.health.ready]]", "name = 'sync'", "check = 'heartbeat_age'", "max_age_seconds = 60"));
        assertEquals(1, pushOnly.size(), pushOnly.toString());
        assertTrue(pushOnly.get(0).message().contains("\"prometheus\" among its exporters"), pushOnly.toString());
    }

    private List<ConfigProblem> problems(String toml) {
        return assertThrows(ConfigException.class, () -> TestConfigs.load(dir, toml)).problems();
    }

    private static ConfigProblem find(List<ConfigProblem> problems, String key) {
        return problems.stream().filter(problem -> problem.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + problems));
    }
}
