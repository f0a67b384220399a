package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes two sample nodes with the agent under their workload, one syncing from
 * the other, as one job: every panel query of every dashboard returns data, and the job and
 * instance variables list the job and both nodes.
 */
class DashboardIT {

    private static final String JOB = "nodescope";
    private static final String WORKLOAD_SECONDS = "240";
    /**
     * The first wait also covers the first successful sync: a sync run fails when any of three
     * simulated fetches does and then backs off up to 16 s.
     */
    private static final Duration DATA_TIMEOUT = Patience.DATA;

    @TempDir
    Path dir;

    @Test
    void everyPanelOfEveryDashboardReturnsDataForTwoNodes() {
        int servingMetrics = FreePort.pick();
        int fetchingMetrics = FreePort.pick();
        List<String> targets = List.of("127.0.0.1:" + servingMetrics, "127.0.0.1:" + fetchingMetrics);
        try (NodeProcess serving = node(servingMetrics, "--peer-id", "QmServing").start()) {
            int servingPort = serving.awaitListening(Patience.START);
            try (NodeProcess fetching = node(fetchingMetrics, "--peer-id", "QmFetching", "--peer", "http://127.0.0.1:" + servingPort).start();
                    PrometheusServer prometheus = PrometheusServer.start(JOB, targets)) {
                fetching.awaitListening(Patience.START);
                prometheus.awaitTargetsUp(Patience.START);
                for (Path file : DashboardFiles.all()) {
                    DashboardQueries dashboard = DashboardQueries.load(file);
                    for (DashboardQueries.PanelQuery query : dashboard.queries(DashboardQueries.DEFAULT_VARIABLES)) {
                        awaitData(prometheus, file, query);
                    }
                    assertEquals(List.of(JOB), variableValues(prometheus, dashboard, "job"), file + ": the job variable");
                    assertEquals(new TreeSet<>(targets), new TreeSet<>(variableValues(prometheus, dashboard, "instance")),
                            file + ": the instance variable lists both nodes");
                }
            }
        }
    }

    private static void awaitData(PrometheusServer prometheus, Path file, DashboardQueries.PanelQuery query) {
        try {
            prometheus.awaitNonEmpty(query.expr(), DATA_TIMEOUT);
        } catch (AssertionError e) {
            throw new AssertionError(file.getFileName() + ", panel " + query.panelTitle() + ": " + e.getMessage(), e);
        }
    }

    private NodeProcess.Builder node(int metricsPort, String... peerArguments) {
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        return NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", WORKLOAD_SECONDS, "--workload-rate", "40")
                .arguments(peerArguments);
    }

    /** What Grafana's {@code label_values(selector, label)} variable query would offer, with "All" chosen for the others. */
    private static List<String> variableValues(PrometheusServer prometheus, DashboardQueries dashboard, String name) {
        DashboardQueries.Variable variable = dashboard.variable(name);
        String selector = DashboardQueries.substitute(variable.labelValuesSelector(), DashboardQueries.DEFAULT_VARIABLES);
        return prometheus.labelValues(variable.labelValuesLabel(), selector);
    }
}
