package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the sample node with the agent under its workload, and every panel
 * query of the Node Overview dashboard returns data.
 */
class DashboardIT {

    @TempDir
    Path dir;

    @Test
    void everyNodeOverviewPanelReturnsData() {
        DashboardQueries dashboard = DashboardQueries.load(TestPaths.repositoryFile("dashboards/node-overview.json"));
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "120", "--workload-rate", "40").start();
                PrometheusServer prometheus = PrometheusServer.start("node", List.of("127.0.0.1:" + metricsPort))) {
            node.awaitListening(Duration.ofSeconds(30));
            prometheus.awaitTargetsUp(Duration.ofSeconds(30));
            assertTrue(prometheus.labelValues("job", "node_command_total").contains("node"), "the job variable finds the node");
            assertFalse(prometheus.labelValues("instance", "node_command_total{job=~\"node\"}").isEmpty(), "the instance variable finds it");

            List<DashboardQueries.PanelQuery> queries = dashboard.queries(DashboardQueries.DEFAULT_VARIABLES);
            assertTrue(queries.size() >= 10, "the dashboard has its panels: " + queries.size());
            for (DashboardQueries.PanelQuery query : queries) {
                prometheus.awaitNonEmpty(query.expr(), Duration.ofSeconds(60));
            }
        }
    }
}
