package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboard conventions of SPEC section 5, checked on every {@code dashboards/*.json}. */
class DashboardConventionsTest {

    private static final String DATASOURCE = "${datasource}";
    private static final String RATE_INTERVAL = "[$__rate_interval]";
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern QUANTILE_SHAPE = Pattern.compile(
            "histogram_quantile\\(\\s*0?\\.\\d+\\s*,\\s*sum by \\(le\\b[^)]*\\)\\s*\\(rate\\(node_\\w+_bucket\\{");
    private static final Pattern HEATMAP_SHAPE = Pattern.compile("^sum by \\(le\\) \\(increase\\(node_\\w+_seconds_bucket\\{");

    static Stream<Named<DashboardQueries>> dashboards() {
        return DashboardFiles.loaded();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void identityAndLinksToTheOtherDashboards(DashboardQueries dashboard) {
        JsonNode json = dashboard.json();
        assertEquals("nodescope-" + DashboardFiles.name(dashboard), dashboard.uid());
        assertTrue(dashboard.title().matches("Nodescope / \\S.*"), dashboard.title());
        assertTrue(json.path("tags").toString().contains("\"nodescope\""), "tag nodescope");
        assertTrue(json.path("schemaVersion").asInt() >= 36, "schemaVersion");
        assertTrue(json.path("id").isNull() || !json.has("id"), "id must be null");
        boolean linked = false;
        for (JsonNode link : json.path("links")) {
            linked |= link.path("type").asText().equals("dashboards") && link.path("tags").toString().contains("\"nodescope\"")
                    && link.path("includeVars").asBoolean() && link.path("keepTime").asBoolean();
        }
        assertTrue(linked, "a dashboards link by tag nodescope that keeps time and variables: " + json.path("links"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void noInputsSectionAndADatasourceVariable(DashboardQueries dashboard) {
        assertFalse(dashboard.hasInputs(), "__inputs makes the dashboard import-only; use the datasource variable");
        DashboardQueries.Variable ds = dashboard.variable("datasource");
        assertNotNull(ds, "a 'datasource' template variable");
        assertEquals("datasource", ds.type());
        assertEquals("prometheus", ds.query());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void jobAndInstanceVariables(DashboardQueries dashboard) {
        DashboardQueries.Variable job = dashboard.variable("job");
        DashboardQueries.Variable instance = dashboard.variable("instance");
        assertNotNull(job, "job variable");
        assertNotNull(instance, "instance variable");
        assertEquals("query", job.type());
        assertEquals("query", instance.type());
        assertEquals(DATASOURCE, job.datasourceUid());
        assertEquals(DATASOURCE, instance.datasourceUid());
        assertEquals("job", job.labelValuesLabel());
        assertEquals("instance", instance.labelValuesLabel());
        assertTrue(instance.labelValuesSelector().contains("job=~\"$job\""), instance.query());
        // Every agent serves its build info from the start; a catalog metric appears only once its rule's methods run.
        assertTrue(job.labelValuesSelector().startsWith("nodescope_build_info"), job.query());
        assertTrue(instance.labelValuesSelector().startsWith("nodescope_build_info{"), instance.query());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelHasUnitDescriptionDatasourceAndQueries(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        assertFalse(dashboard.panels().isEmpty(), "panels");
        for (DashboardQueries.Panel panel : dashboard.panels()) {
            if (panel.unit() == null) {
                problems.add(panel + ": no fieldConfig.defaults.unit");
            }
            if (panel.description().isBlank()) {
                problems.add(panel + ": no description");
            }
            if (!"prometheus".equals(panel.datasourceType()) || !DATASOURCE.equals(panel.datasourceUid())) {
                problems.add(panel + ": datasource must be {type: prometheus, uid: ${datasource}}, is " + panel.json().path("datasource"));
            }
            for (String uid : panel.targetDatasourceUids()) {
                if (!DATASOURCE.equals(uid)) {
                    problems.add(panel + ": target datasource uid " + uid);
                }
            }
            if (panel.queries().isEmpty()) {
                problems.add(panel + ": no query");
            }
            if (!ids.add(panel.id())) {
                problems.add(panel + ": duplicate id " + panel.id());
            }
            if (!titles.add(panel.title())) {
                problems.add(panel + ": duplicate title");
            }
            if (!panel.json().path("gridPos").has("w")) {
                problems.add(panel + ": no gridPos");
            }
        }
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void noHardCodedDatasourceAnywhere(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        findDatasources(dashboard.json(), "$", problems);
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyQueryFiltersOnJobAndInstance(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        for (DashboardQueries.PanelQuery q : dashboard.queries()) {
            List<PromQlText.Selector> selectors = PromQlText.selectors(q.expr());
            if (selectors.isEmpty()) {
                problems.add(q + ": selects no node_*, nodescope_*, jvm_* or process_* metric");
            }
            for (PromQlText.Selector selector : selectors) {
                if (selector.matchers() == null || !selector.matchers().contains("job=~\"$job\"")
                        || !selector.matchers().contains("instance=~\"$instance\"")) {
                    problems.add(q + ": " + selector + " lacks {job=~\"$job\",instance=~\"$instance\"}");
                }
            }
        }
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void countersOnlyInsideRateOrIncreaseWithRateInterval(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        for (DashboardQueries.PanelQuery q : dashboard.queries()) {
            Matcher range = RANGE.matcher(q.expr());
            while (range.find()) {
                if (!range.group().equals(RATE_INTERVAL)) {
                    problems.add(q + ": range " + range.group() + " is not " + RATE_INTERVAL);
                }
            }
            for (PromQlText.Selector selector : PromQlText.selectors(q.expr())) {
                if (selector.counter() && !selector.inRateOrIncrease()) {
                    problems.add(q + ": counter " + selector + " outside rate()/increase() (in " + selector.function() + ")");
                }
                if (!selector.counter() && selector.inRateOrIncrease()) {
                    problems.add(q + ": gauge " + selector + " inside " + selector.function() + "()");
                }
                if (selector.inRateOrIncrease() && selector.range() == null) {
                    problems.add(q + ": " + selector + " in " + selector.function() + "() without " + RATE_INTERVAL);
                }
            }
        }
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void latencyFromHistogramQuantileOverSumByLe(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        for (DashboardQueries.PanelQuery q : dashboard.queries()) {
            if (q.expr().contains("histogram_quantile") && !QUANTILE_SHAPE.matcher(q.expr()).find()) {
                problems.add(q + ": expected histogram_quantile(q, sum by (le, ...) (rate(..._bucket{...}[$__rate_interval])))");
            }
            if (q.expr().contains("_bucket") && !q.expr().contains("by (le")) {
                problems.add(q + ": buckets aggregated without keeping le");
            }
        }
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void aLatencyHeatmapInHeatmapFormat(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        int heatmaps = 0;
        for (DashboardQueries.Panel panel : dashboard.panels()) {
            if (panel.type().equals("heatmap")) {
                heatmaps++;
                for (DashboardQueries.PanelQuery q : panel.queries()) {
                    if (!q.format().equals("heatmap") || !HEATMAP_SHAPE.matcher(q.expr()).find()) {
                        problems.add(q + ": expected format heatmap and sum by (le) (increase(node_..._seconds_bucket{...}[$__rate_interval]))");
                    }
                }
            }
        }
        assertNoProblems(dashboard, problems);
        assertTrue(heatmaps > 0, dashboard.source() + ": a heatmap of a latency histogram");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void ratiosNeverComeBackEmpty(DashboardQueries dashboard) {
        List<String> problems = new ArrayList<>();
        for (DashboardQueries.PanelQuery q : dashboard.queries()) {
            boolean errorsOnly = q.expr().contains("status=\"error\"") || q.expr().contains("outcome=\"error\"");
            if (errorsOnly && !q.expr().contains(" or 0 * ")) {
                problems.add(q + ": needs an 'or 0 * ...' fallback for when no errors exist");
            }
        }
        assertNoProblems(dashboard, problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void variablesSubstituteToPlainPromQl(DashboardQueries dashboard) {
        for (DashboardQueries.PanelQuery q : dashboard.queries(DashboardQueries.DEFAULT_VARIABLES)) {
            assertFalse(q.expr().contains("$"), q.toString());
            assertTrue(q.expr().contains("job=~\".*\",instance=~\".*\""), q.toString());
        }
    }

    private static void findDatasources(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = path + "." + e.getKey();
                if (e.getKey().equals("datasource") && !path.startsWith("$.templating")) {
                    JsonNode ds = e.getValue();
                    boolean builtIn = "grafana".equals(ds.path("type").asText()) && path.startsWith("$.annotations");
                    if (!builtIn && !(ds.isObject() && DATASOURCE.equals(ds.path("uid").asText()))) {
                        problems.add(childPath + " = " + ds);
                    }
                }
                findDatasources(e.getValue(), childPath, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findDatasources(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void assertNoProblems(DashboardQueries dashboard, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(dashboard.source() + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }
}
