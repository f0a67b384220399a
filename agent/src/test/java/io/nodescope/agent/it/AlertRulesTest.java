package io.nodescope.agent.it;

import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass Prometheus' and Alertmanager's own checkers and their unit tests, and follow the
 * monitoring-mixin conventions: names, severity, annotations, a runbook per alert, a firing and a quiet unit
 * test per alert.
 */
class AlertRulesTest {

    private static final Pattern ALERT_NAME = Pattern.compile("Nodescope(?:[A-Z][a-z0-9]+)+");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final String RUNBOOK_URL = "https://github.com/nodescope/nodescope/blob/main/alerts/runbooks/";
    private static final List<String> RUNBOOK_SECTIONS = List.of("## What it means", "## How to confirm", "## What to do");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path rules = TestPaths.repositoryFile("alerts/nodescope-alerts.yaml");
    private final Path unitTests = TestPaths.repositoryFile("alerts/tests/nodescope-alerts.test.yaml");
    private final Path runbooks = TestPaths.repositoryFile("alerts/runbooks");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Promtool.checkRules(rules);
    }

    @Test
    void unitTestsPass() throws Exception {
        Promtool.testRules(unitTests);
    }

    @Test
    void amtoolAcceptsTheAlertmanagerExample() throws Exception {
        Amtool.checkConfig(TestPaths.repositoryFile("alerts/alertmanager.example.yaml"));
    }

    @Test
    void everyAlertIsNamedLabelledAndAnnotated() throws IOException {
        List<JsonNode> alerts = alerts();
        assertFalse(alerts.isEmpty(), "the rule file has alerts");
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            assertTrue(ALERT_NAME.matcher(name).matches(), name + " is CamelCase and starts with Nodescope");
            assertTrue(SEVERITIES.contains(alert.path("labels").path("severity").asText()),
                    name + " has a severity of " + SEVERITIES + ": " + alert.path("labels"));
            JsonNode annotations = alert.path("annotations");
            assertFalse(annotations.path("summary").asText().isBlank(), name + " has a summary");
            assertFalse(annotations.path("description").asText().isBlank(), name + " has a description");
            assertEquals(RUNBOOK_URL + name + ".md", annotations.path("runbook_url").asText(), name + " links its runbook");
        }
    }

    @Test
    void everyAlertHasARunbookAndEveryRunbookAnAlert() throws IOException {
        Set<String> documented;
        try (Stream<Path> files = Files.list(runbooks)) {
            documented = files.map(file -> file.getFileName().toString().replaceFirst("\\.md$", ""))
                    .collect(toCollection(TreeSet::new));
        }
        assertEquals(alertNames(), documented, "runbooks in " + runbooks);
        for (String name : documented) {
            String runbook = Files.readString(runbooks.resolve(name + ".md"));
            for (String section : RUNBOOK_SECTIONS) {
                assertTrue(runbook.contains(section), name + ".md has a section '" + section + "'");
            }
        }
    }

    @Test
    void everyAlertHasAFiringAndAQuietUnitTestThatKeepsJobAndInstance() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : YAML.readTree(unitTests.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                JsonNode expected = check.path("exp_alerts");
                (expected.isEmpty() ? quiet : firing).add(check.path("alertname").asText());
                for (JsonNode alert : expected) {
                    JsonNode labels = alert.path("exp_labels");
                    assertTrue(labels.hasNonNull("job") && labels.hasNonNull("instance"),
                            check.path("alertname").asText() + " keeps job and instance: " + labels);
                }
            }
        }
        assertEquals(alertNames(), firing, "alerts with a case where they fire");
        assertEquals(alertNames(), quiet, "alerts with a case where they stay quiet");
    }

    private List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : YAML.readTree(rules.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    private Set<String> alertNames() throws IOException {
        return alerts().stream().map(alert -> alert.path("alert").asText()).collect(toCollection(TreeSet::new));
    }
}
