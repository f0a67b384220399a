package io.nodescope.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.ReadinessReport;
import io.nodescope.instrumentation.Catalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks against a registry filled by hand and a clock moved by hand. */
class ReadinessTest {

    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final MetricRegistry registry = new MetricRegistry("test", 100, Map.of());
    private final AtomicLong now = new AtomicLong(START);

    @Test
    void withoutChecksTheNodeIsReady() throws Exception {
        Readiness readiness = readiness("");
        assertTrue(readiness.get().ready());
        assertEquals("{\"status\":\"ready\",\"checks\":[]}\n", body(readiness.get()));
        assertEquals(1, gauge());
    }

    @Test
    void aHeartbeatCountsFromTheAgentsStartUntilTheFirstBeatThenFromEachBeat() throws Exception {
        Readiness readiness = readiness(check("sync", "heartbeat_age", "max_age_seconds = 60"));
        assertReady(readiness, true, "no heartbeat yet, 0 s since the agent started (max 60 s)");
        at(readiness, 61_000);
        assertReady(readiness, false, "no heartbeat yet, 61 s since the agent started (max 60 s)");
        assertEquals(0, gauge());
        registry.gauge(Catalog.SYNC_LAST_SUCCESS).series().set((START + 58_000) / 1000.0);
        at(readiness, 61_000);
        assertReady(readiness, true, "heartbeat 3 s old (max 60 s)");
        assertEquals(1, gauge());
        at(readiness, 119_000);
        assertReady(readiness, false, "heartbeat 61 s old (max 60 s)");
        assertEquals("{\"status\":\"not ready\",\"checks\":[{\"name\":\"sync\",\"check\":\"heartbeat_age\",\"ok\":false,"
                + "\"detail\":\"heartbeat 61 s old (max 60 s)\"}]}\n", body(readiness.get()));
    }

    @Test
    void theErrorRatioIsTakenOverTheWindowOnlyAndNeedsEnoughCalls() throws Exception {
        Readiness readiness = readiness(check("errors", "error_ratio",
                "metric = 'node_command_total'\nlabels = { command = 'publish' }\nwindow_minutes = 1\nmax_ratio = 0.25\nmin_calls = 4"));
        calls("publish", "ok", 2);
        calls("publish", "error", 1);
        at(readiness, 1_000);
        assertReady(readiness, true, "3 calls in the last 1 min, fewer than min_calls 4");
        calls("publish", "error", 1);
        calls("query", "error", 50);
        at(readiness, 2_000);
        assertReady(readiness, false, "error ratio 0.500 over the last 1 min (2 of 4 calls failed, max 0.25)");
        // A minute of good calls later, the failures have left the window.
        for (int second = 3; second <= 63; second++) {
            calls("publish", "ok", 1);
            at(readiness, second * 1_000L);
        }
        assertReady(readiness, true, "error ratio 0.000 over the last 1 min (0 of 60 calls failed, max 0.25)");
    }

    @Test
    void aRecentSuccessIsANewOkCallWithinTheTime() throws Exception {
        Readiness readiness = readiness(check("publishes", "recent_success",
                "metric = 'node_command_duration_seconds'\nlabels = { command = 'publish' }\nwithin_seconds = 30"));
        registry.histogram(Catalog.COMMAND_DURATION).series("publish", "error").observe(0.1);
        at(readiness, 31_000);
        assertReady(readiness, false, "no normal return yet, 31 s since the agent started (within 30 s)");
        registry.histogram(Catalog.COMMAND_DURATION).series("publish", "ok").observe(0.1);
        at(readiness, 32_000);
        assertReady(readiness, true, "last normal return 0 s ago (within 30 s)");
        at(readiness, 63_000);
        assertReady(readiness, false, "last normal return 31 s ago (within 30 s)");
    }

    @Test
    void namesAreWrittenAsJsonStrings() throws Exception {
        Readiness readiness = readiness(check("say \\\"hi\\\"\\\\", "heartbeat_age", "max_age_seconds = 60"));
        assertTrue(body(readiness.get()).contains("\"name\":\"say \\\"hi\\\"\\\\\""), body(readiness.get()));
    }

    private Readiness readiness(String checks) throws Exception {
        return new Readiness(TestConfigs.load(dir, "[telemetry.metrics]\n" + checks).readiness(), registry, now::get);
    }

    private static String check(String name, String type, String settings) {
        return "[[telemetry.health.ready]]\nname = \"" + name + "\"\ncheck = '" + type + "'\n" + settings + "\n";
    }

    private void at(Readiness readiness, long millisAfterStart) {
        now.set(START + millisAfterStart);
        readiness.evaluate();
    }

    private void calls(String command, String status, int count) {
        registry.counter(Catalog.COMMAND_TOTAL).series(command, status).add(count);
    }

    private double gauge() {
        return registry.self().ready().value();
    }

    private static void assertReady(Readiness readiness, boolean ready, String detail) {
        String body = body(readiness.get());
        assertEquals(ready, readiness.get().ready(), body);
        assertTrue(body.contains("\"detail\":\"" + detail + "\""), body);
    }

    private static String body(ReadinessReport report) {
        return new String(report.json(), StandardCharsets.UTF_8);
    }
}
