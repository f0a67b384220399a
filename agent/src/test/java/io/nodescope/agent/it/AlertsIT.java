package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alert rules, evaluated by a real Prometheus scraping two sample nodes with the agent, both with a
 * sync heartbeat readiness check: one whose commands all fail and whose sync is stalled (so it turns not ready),
 * whose matching alerts go pending, and a healthy one beside it, which raises none all the while. The real rules are used unchanged: each of their windows reaches back past
 * the nodes' start and so holds only what the nodes did since, the expressions turn true within a minute, and
 * pending is the state an alert is in from then until its {@code for} has passed.
 */
class AlertsIT {

    private static final String JOB = "node";
    private static final Duration ALERTS_TIMEOUT = Patience.DATA;
    /** How long the healthy node is watched at least, however soon the faulty node's alerts come. */
    private static final Duration HEALTHY_WATCHED = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void aFaultyNodeRaisesItsAlertsAndAHealthyNodeNone() throws InterruptedException {
        String faulty = "127.0.0.1:" + FreePort.pick();
        String healthy = "127.0.0.1:" + FreePort.pick();
        try (NodeProcess faultyNode = node(faulty, "--error-share", "1", "--fault", "sync-stall");
                NodeProcess healthyNode = node(healthy, "--error-share", "0", "--network-failure-share", "0");
                PrometheusServer prometheus = PrometheusServer.builder()
                        .scrapeJob(JOB, List.of(faulty, healthy))
                        .ruleFile(TestPaths.repositoryFile("alerts/nodescope-alerts.yaml"))
                        .start()) {
            faultyNode.awaitListening(Patience.START);
            healthyNode.awaitListening(Patience.START);
            prometheus.awaitTargetsUp(Patience.START);

            List<ActiveAlert> alerts = awaitAlerts(prometheus, faulty, healthy, List.of(
                    alert -> alert.name().equals("NodescopeCommandErrorBudgetBurn")
                            && alert.label("severity").equals("critical") && alert.label("short").equals("5m"),
                    alert -> alert.name().equals("NodescopeTaskFailureRatioHigh") && alert.label("task").equals("sync"),
                    alert -> alert.name().equals("NodescopeNotReady")));

            for (ActiveAlert alert : alerts) {
                assertEquals(JOB, alert.label("job"), "alerts keep the job: " + alert);
                assertTrue(List.of("pending", "firing").contains(alert.state()), alert.toString());
            }
        }
    }

    private NodeProcess node(String metricsAddress, String... faults) {
        int metricsPort = Integer.parseInt(metricsAddress.substring(metricsAddress.lastIndexOf(':') + 1));
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).withSection(
                "[[telemetry.health.ready]]\nname = \"sync-heartbeat\"\ncheck = \"heartbeat_age\"\nmax_age_seconds = 60\n").write(dir);
        return NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "180", "--workload-rate", "20")
                .arguments(faults)
                .start();
    }

    /**
     * Polls Prometheus' alerts until, for the faulty instance, each expectation matches one of them and the
     * healthy instance has been watched for {@link #HEALTHY_WATCHED}, failing at once should the healthy
     * instance ever have an alert; returns the faulty instance's alerts.
     */
    private static List<ActiveAlert> awaitAlerts(PrometheusServer prometheus, String faulty, String healthy,
            List<Predicate<ActiveAlert>> expected) throws InterruptedException {
        long deadline = System.nanoTime() + ALERTS_TIMEOUT.toNanos();
        long watchedUntil = System.nanoTime() + HEALTHY_WATCHED.toNanos();
        List<ActiveAlert> faultyAlerts = List.of();
        while (System.nanoTime() < deadline) {
            List<ActiveAlert> alerts = ActiveAlert.of(prometheus);
            List<ActiveAlert> healthyAlerts = alerts.stream().filter(alert -> alert.label("instance").equals(healthy)).toList();
            assertEquals(List.of(), healthyAlerts, "the healthy node raises no alert");
            faultyAlerts = alerts.stream().filter(alert -> alert.label("instance").equals(faulty)).toList();
            List<ActiveAlert> seen = faultyAlerts;
            if (expected.stream().allMatch(expectation -> seen.stream().anyMatch(expectation)) && System.nanoTime() >= watchedUntil) {
                return faultyAlerts;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("the faulty node's alerts did not all go pending within " + ALERTS_TIMEOUT
                + "; it has " + faultyAlerts + "\nrules: " + prometheus.getJson("/api/v1/rules").path("data"));
    }
}
