package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus part of the local stack (deploy/local) as shipped: its config and the alert rules
 * pass promtool, and the Debian Prometheus running it scrapes a sample node whose agent config
 * was written by {@code init --observability local}, with every group of alerts/*-alerts.yaml loaded.
 */
class LocalStackIT {

    /** Where prometheus.yml scrapes and where the config written by init serves /metrics. */
    private static final String AGENT_ADDRESS = "127.0.0.1:9464";

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesANodeConfiguredByInitAndLoadsEveryAlertGroup() throws Exception {
        Path deploy = TestPaths.repositoryFile("deploy/local");
        Path alerts = deploy.resolve("../../alerts").normalize();
        TreeSet<String> alertGroups = RuleFileGroups.in(alerts);
        assertEquals(Path.of("../../alerts"), Files.readSymbolicLink(deploy.resolve("rules")), "rule_files resolve to alerts/");

        String check = Promtool.checkConfig(deploy.resolve("prometheus.yml"));
        long ruleFiles = alertGroups.stream().map(group -> group.substring(0, group.indexOf('/'))).distinct().count();
        assertTrue(ruleFiles >= 1, "alerts/ has a rule file: " + alertGroups);
        assertTrue(check.contains(" " + ruleFiles + " rule files found"), check);

        String prometheusYml = Files.readString(deploy.resolve("prometheus.yml"));
        String nodeConfig = init();
        assertTrue(prometheusYml.contains("- " + AGENT_ADDRESS), "prometheus.yml scrapes " + AGENT_ADDRESS);
        assertTrue(nodeConfig.contains("bind_address = \"" + AGENT_ADDRESS + "\""), "the agent serves " + AGENT_ADDRESS);

        // Free ports in place of the fixed one, and the same rules link next to the config.
        String metricsAddress = "127.0.0.1:" + FreePort.pick();
        Path config = Files.writeString(dir.resolve("nodescope.toml"), nodeConfig.replace(AGENT_ADDRESS, metricsAddress) + sampleNodeRules());
        Path prometheusConfig = Files.writeString(dir.resolve("prometheus.yml"), prometheusYml.replace(AGENT_ADDRESS, metricsAddress));
        Files.createSymbolicLink(dir.resolve("rules"), deploy.resolve("rules"));

        try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "90", "--workload-rate", "20").start();
                PrometheusServer prometheus = PrometheusServer.builder().configFile(prometheusConfig, 1).start()) {
            node.awaitListening(Patience.START);
            prometheus.awaitTargetsUp(Patience.START);
            prometheus.awaitNonEmpty("node_command_total{job=\"node\"}", Patience.DATA);
            assertEquals(alertGroups, loadedGroups(prometheus), "rule groups loaded by Prometheus");
        }
    }

    /** The config the shipped jar writes for the local mode. */
    private String init() throws Exception {
        Path written = dir.resolve("init.toml");
        try (NodeProcess init = NodeProcess.java().jar(TestPaths.agentJar())
                .arguments("init", "--observability", "local", "--output", written.toString(), "--service-name", "local-stack-it").start()) {
            assertEquals(0, init.awaitExit(Patience.DATA), init.output());
        }
        return Files.readString(written);
    }

    /** The sample node's own rules, so that the node's metrics reach Prometheus too. */
    private static String sampleNodeRules() throws Exception {
        String shipped = Files.readString(TestPaths.repositoryFile("sample-node/nodescope.toml"));
        return "\n" + shipped.substring(shipped.indexOf("[[rule]]"));
    }

    private static TreeSet<String> loadedGroups(PrometheusServer prometheus) {
        TreeSet<String> groups = new TreeSet<>();
        for (JsonNode group : prometheus.getJson("/api/v1/rules").path("data").path("groups")) {
            groups.add(Path.of(group.path("file").asText()).getFileName() + "/" + group.path("name").asText());
        }
        return groups;
    }
}
