package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.MetricDefinition;
import io.nodescope.instrumentation.MetricType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboards as a set: the four of SPEC section 5, the whole metric catalog, and PromQL that Prometheus parses. */
class DashboardSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE_NAME = Pattern.compile("dashboard_query_(\\d+)");

    private final List<DashboardQueries> dashboards = DashboardFiles.all().stream().map(DashboardQueries::load)
            .collect(Collectors.toList());

    @TempDir
    Path dir;

    @Test
    void theDashboardsOfTheSpecAndNoOthers() {
        assertEquals(new TreeSet<>(DashboardFiles.NAMES),
                dashboards.stream().map(DashboardFiles::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void uidsAndTitlesAreUnique() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (DashboardQueries dashboard : dashboards) {
            assertTrue(uids.add(dashboard.uid()), "duplicate uid " + dashboard.uid());
            assertTrue(titles.add(dashboard.title()), "duplicate title " + dashboard.title());
        }
    }

    @Test
    void everyCatalogMetricIsOnSomeDashboard() {
        String allQueries = dashboards.stream().flatMap(dashboard -> dashboard.queries().stream())
                .map(DashboardQueries.PanelQuery::expr).collect(Collectors.joining("\n"));
        List<String> missing = new ArrayList<>();
        for (MetricDefinition metric : Catalog.all()) {
            String selector = metric.name() + (metric.type() == MetricType.HISTOGRAM ? "_bucket{" : "{");
            if (!allQueries.contains(selector)) {
                missing.add(selector);
            }
        }
        assertEquals(List.of(), missing, "catalog metrics that no panel queries");
    }

    @Test
    void nodeOverviewShowsThePilotSetWithP95AndP99() {
        DashboardQueries overview = DashboardQueries.load(TestPaths.repositoryFile("dashboards/node-overview.json"));
        String all = overview.queries().stream().map(DashboardQueries.PanelQuery::expr).collect(Collectors.joining("\n"));
        for (String metric : List.of("node_command_total{", "node_command_duration_seconds_bucket{", "node_task_runs_total{",
                "node_task_duration_seconds_bucket{", "node_sync_last_success_unix{")) {
            assertTrue(all.contains(metric), metric);
        }
        assertTrue(all.contains("histogram_quantile(0.95, sum by (le, command) (rate(node_command_duration_seconds_bucket{"), "p95");
        assertTrue(all.contains("histogram_quantile(0.99, sum by (le, command) (rate(node_command_duration_seconds_bucket{"), "p99");
    }

    /** Every query, variables substituted, becomes a recording rule that {@code promtool check rules} must accept. */
    @Test
    void prometheusParsesEveryQuery() throws Exception {
        List<String> queries = new ArrayList<>();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (DashboardQueries dashboard : dashboards) {
            for (DashboardQueries.PanelQuery q : dashboard.queries(DashboardQueries.DEFAULT_VARIABLES)) {
                queries.add(dashboard.source() + ": " + q);
                rules.append("      - record: dashboard_query_").append(queries.size()).append('\n')
                        .append("        expr: ").append(yamlString(q.expr())).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        Optional<String> problems = Promtool.ruleProblems(file);
        if (problems.isPresent()) {
            fail("Prometheus rejects dashboard queries:\n  " + String.join("\n  ", rejected(problems.get(), queries))
                    + "\npromtool check rules:\n" + problems.get());
        }
        assertTrue(queries.size() >= 60, "the four dashboards' queries: " + queries.size());
    }

    /** The queries promtool's report names, or all of them when it names none. */
    private static List<String> rejected(String report, List<String> queries) {
        List<String> named = new ArrayList<>();
        Matcher m = RULE_NAME.matcher(report);
        while (m.find()) {
            named.add(queries.get(Integer.parseInt(m.group(1)) - 1));
        }
        return named.isEmpty() ? queries : named;
    }

    /** A JSON string is a YAML double-quoted scalar. */
    private static String yamlString(String text) throws JsonProcessingException {
        return JSON.writeValueAsString(text);
    }

    @Test
    void rejectedNamesTheOffendingQueries() {
        List<String> queries = List.of("a.json: A [A]: up", "a.json: B [A]: sum(");
        assertEquals(List.of("a.json: B [A]: sum("),
                rejected("group \"dashboards\", rule 2, \"dashboard_query_2\": could not parse expression", queries));
        assertEquals(queries, rejected("something else", queries));
    }
}
