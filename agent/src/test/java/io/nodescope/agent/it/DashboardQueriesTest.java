package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the dashboard conventions of SPEC section 5 on {@code dashboards/node-overview.json}, and
 * the behaviour of {@link DashboardQueries} itself.
 */
class DashboardQueriesTest {

    private static final String DATASOURCE = "${datasource}";
    private static final Pattern NODE_METRIC = Pattern.compile("\\bnode_[a-zA-Z0-9_:]*");
    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern COUNTER = Pattern.compile(".*_(total|bucket|count|sum)$");

    /** Finds {@code relative} in the working directory or one of its parents (the agent module runs tests from {@code agent/}). */
    static Path repositoryFile(String relative) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(relative + " not found from " + Paths.get("").toAbsolutePath() + " or its parents");
    }

    @Nested
    class NodeOverviewConventions {

        private DashboardQueries dashboard;

        @BeforeEach
        void load() {
            dashboard = DashboardQueries.load(repositoryFile("dashboards/node-overview.json"));
        }

        @Test
        void identity() {
            assertEquals("nodescope-node-overview", dashboard.uid());
            assertEquals("Nodescope / Node Overview", dashboard.title());
            assertTrue(dashboard.json().path("tags").toString().contains("\"nodescope\""), "tag nodescope");
            assertTrue(dashboard.json().path("schemaVersion").asInt() >= 36, "schemaVersion");
            assertTrue(dashboard.json().path("id").isNull() || !dashboard.json().has("id"), "id must be null");
        }

        @Test
        void noInputsSectionAndADatasourceVariable() {
            assertFalse(dashboard.hasInputs(), "__inputs makes the dashboard import-only; use the datasource variable");
            DashboardQueries.Variable ds = dashboard.variable("datasource");
            assertNotNull(ds, "a 'datasource' template variable");
            assertEquals("datasource", ds.type());
            assertEquals("prometheus", ds.query());
        }

        @Test
        void jobAndInstanceVariables() {
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
        }

        @Test
        void everyPanelHasUnitDescriptionDatasourceAndQueries() {
            List<String> problems = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            Set<String> titles = new HashSet<>();
            assertFalse(dashboard.panels().isEmpty(), "panels");
            for (DashboardQueries.Panel panel : dashboard.panels()) {
                if (panel.unit() == null) {
                    problems.add(panel + ": no fieldConfig.defaults.unit");
                }
                if (panel.description().trim().isEmpty()) {
                    problems.add(panel + ": no description");
                }
                if (!"prometheus".equals(panel.datasourceType()) || !DATASOURCE.equals(panel.datasourceUid())) {
                    problems.add(panel + ": datasource must be {type: prometheus, uid: ${datasource}}, is "
                            + panel.json().path("datasource"));
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
            assertNoProblems(problems);
        }

        @Test
        void noHardCodedDatasourceAnywhere() {
            List<String> problems = new ArrayList<>();
            findDatasources(dashboard.json(), "$", problems);
            assertNoProblems(problems);
        }

        @Test
        void everyQueryFiltersOnJobAndInstance() {
            List<String> problems = new ArrayList<>();
            for (DashboardQueries.PanelQuery q : dashboard.queries()) {
                Matcher m = NODE_METRIC.matcher(q.expr());
                int selectors = 0;
                while (m.find()) {
                    selectors++;
                    String matchers = matchersAfter(q.expr(), m.end());
                    if (matchers == null) {
                        problems.add(q + ": " + m.group() + " has no label matchers");
                    } else if (!matchers.contains("job=~\"$job\"") || !matchers.contains("instance=~\"$instance\"")) {
                        problems.add(q + ": " + m.group() + matchers + " lacks job=~\"$job\",instance=~\"$instance\"");
                    }
                }
                if (selectors == 0) {
                    problems.add(q + ": selects no node_* metric");
                }
            }
            assertNoProblems(problems);
        }

        @Test
        void countersOnlyInsideRateOrIncreaseWithRateInterval() {
            List<String> problems = new ArrayList<>();
            for (DashboardQueries.PanelQuery q : dashboard.queries()) {
                String expr = q.expr();
                Matcher range = RANGE.matcher(expr);
                while (range.find()) {
                    if (!range.group(1).equals("$__rate_interval")) {
                        problems.add(q + ": range [" + range.group(1) + "] is not [$__rate_interval]");
                    }
                }
                Matcher m = NODE_METRIC.matcher(expr);
                while (m.find()) {
                    String metric = m.group();
                    String function = enclosingFunction(expr, m.start());
                    boolean counter = COUNTER.matcher(metric).matches();
                    boolean inRate = "rate".equals(function) || "increase".equals(function);
                    if (counter && !inRate) {
                        problems.add(q + ": counter " + metric + " used outside rate()/increase() (in " + function + ")");
                    }
                    if (!counter && inRate) {
                        problems.add(q + ": gauge " + metric + " inside " + function + "()");
                    }
                    if (inRate) {
                        String matchers = matchersAfter(expr, m.end());
                        int after = m.end();
                        while (after < expr.length() && Character.isWhitespace(expr.charAt(after))) {
                            after++;
                        }
                        after += matchers == null ? 0 : matchers.length();
                        if (!expr.startsWith("[$__rate_interval]", after)) {
                            problems.add(q + ": " + metric + " in " + function + "() without [$__rate_interval]");
                        }
                    }
                }
            }
            assertNoProblems(problems);
        }

        @Test
        void latencyFromHistogramQuantileOverSumByLe() {
            List<String> problems = new ArrayList<>();
            Pattern shape = Pattern.compile(
                    "histogram_quantile\\(\\s*0?\\.\\d+\\s*,\\s*sum by \\(le\\b[^)]*\\)\\s*\\(rate\\(node_\\w+_bucket\\{");
            int quantiles = 0;
            for (DashboardQueries.PanelQuery q : dashboard.queries()) {
                if (q.expr().contains("histogram_quantile")) {
                    quantiles++;
                    if (!shape.matcher(q.expr()).find()) {
                        problems.add(q + ": expected histogram_quantile(q, sum by (le, ...) (rate(..._bucket{...}[$__rate_interval])))");
                    }
                }
                if (q.expr().contains("_bucket") && !q.expr().contains("by (le")) {
                    problems.add(q + ": buckets aggregated without keeping le");
                }
            }
            assertNoProblems(problems);
            assertTrue(quantiles >= 3, "p95 + p99 command latency and p95 task duration panels");
        }

        @Test
        void heatmapPanelUsesHeatmapFormat() {
            boolean found = false;
            for (DashboardQueries.Panel panel : dashboard.panels()) {
                if ("heatmap".equals(panel.type())) {
                    for (DashboardQueries.PanelQuery q : panel.queries()) {
                        assertEquals("heatmap", q.format(), q.toString());
                        assertTrue(q.expr().startsWith("sum by (le) (increase(node_command_duration_seconds_bucket{"), q.toString());
                        found = true;
                    }
                }
            }
            assertTrue(found, "a command latency heatmap panel");
        }

        @Test
        void coversThePilotMetricSet() {
            StringBuilder all = new StringBuilder();
            for (DashboardQueries.PanelQuery q : dashboard.queries()) {
                all.append(q.expr()).append('\n');
            }
            for (String metric : new String[] {"node_command_total{", "node_command_duration_seconds_bucket{",
                    "node_task_runs_total{", "node_task_duration_seconds_bucket{", "node_sync_last_success_unix{"}) {
                assertTrue(all.indexOf(metric) >= 0, metric);
            }
        }

        @Test
        void ratiosNeverComeBackEmpty() {
            for (DashboardQueries.PanelQuery q : dashboard.queries()) {
                if (q.expr().contains("status=\"error\"")) {
                    assertTrue(q.expr().contains(" or 0 * "), q + ": needs an 'or 0 * ...' fallback for when no errors exist");
                }
            }
        }

        @Test
        void variablesSubstituteToPlainPromQl() {
            for (DashboardQueries.PanelQuery q : dashboard.queries(DashboardQueries.DEFAULT_VARIABLES)) {
                assertFalse(q.expr().contains("$"), q.toString());
                assertTrue(q.expr().contains("job=~\".*\",instance=~\".*\""), q.toString());
            }
        }

        private void findDatasources(JsonNode node, String path, List<String> problems) {
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
    }

    @Nested
    class Parsing {

        private static final String NESTED = "{\n"
                + "  \"uid\": \"t\", \"title\": \"T\",\n"
                + "  \"templating\": {\"list\": [\n"
                + "    {\"name\": \"datasource\", \"type\": \"datasource\", \"query\": \"prometheus\"},\n"
                + "    {\"name\": \"job\", \"type\": \"query\", \"datasource\": {\"uid\": \"${datasource}\"},\n"
                + "     \"query\": {\"query\": \"label_values(up, job)\", \"refId\": \"V\"}},\n"
                + "    {\"name\": \"instance\", \"type\": \"query\", \"query\": \"label_values(instance)\"}]},\n"
                + "  \"panels\": [\n"
                + "    {\"id\": 1, \"type\": \"stat\", \"title\": \"Top\", \"datasource\": {\"type\": \"prometheus\", \"uid\": \"${datasource}\"},\n"
                + "     \"fieldConfig\": {\"defaults\": {\"unit\": \"s\"}},\n"
                + "     \"targets\": [{\"refId\": \"A\", \"expr\": \"up{job=~\\\"$job\\\"}\"}, {\"refId\": \"B\", \"expr\": \"\"}]},\n"
                + "    {\"id\": 2, \"type\": \"row\", \"title\": \"Open row\", \"collapsed\": false, \"panels\": []},\n"
                + "    {\"id\": 3, \"type\": \"timeseries\", \"title\": \"Below open row\", \"fieldConfig\": {\"defaults\": {}},\n"
                + "     \"datasource\": {\"uid\": \"${datasource}\"},\n"
                + "     \"targets\": [{\"refId\": \"A\", \"expr\": \"rate(x_total{instance=~\\\"${instance}\\\"}[$__rate_interval])\",\n"
                + "                  \"datasource\": {\"uid\": \"other\"}, \"format\": \"heatmap\"}]},\n"
                + "    {\"id\": 4, \"type\": \"row\", \"title\": \"Collapsed\", \"collapsed\": true, \"panels\": [\n"
                + "      {\"id\": 5, \"type\": \"timeseries\", \"title\": \"Hidden inside\", \"datasource\": \"${datasource}\",\n"
                + "       \"targets\": [{\"refId\": \"C\", \"expr\": \"[[job]] ${job:regex} $jobs $__interval\", \"hide\": true}]}]}\n"
                + "  ]\n"
                + "}\n";

        private DashboardQueries dashboard;

        @BeforeEach
        void parse() {
            dashboard = DashboardQueries.parse("nested.json", NESTED);
        }

        @Test
        void walksPanelsInsideRowsAndSkipsRowsAndEmptyTargets() {
            List<String> titles = new ArrayList<>();
            for (DashboardQueries.Panel p : dashboard.panels()) {
                titles.add(p.title());
            }
            assertEquals(List.of("Top", "Below open row", "Hidden inside"), titles);
            assertEquals(3, dashboard.queries().size());
            assertEquals(new DashboardQueries.PanelQuery("Hidden inside", "C", "[[job]] ${job:regex} $jobs $__interval"),
                    dashboard.queries().get(2));
            assertEquals("Collapsed", dashboard.panels().get(2).row());
            assertNull(dashboard.panels().get(0).row());
            assertEquals("Open row", dashboard.panels().get(1).row());
        }

        @Test
        void panelDetails() {
            DashboardQueries.Panel top = dashboard.panels().get(0);
            assertEquals("s", top.unit());
            assertEquals("${datasource}", top.datasourceUid());
            assertEquals("prometheus", top.datasourceType());
            DashboardQueries.Panel below = dashboard.panels().get(1);
            assertNull(below.unit());
            assertEquals(List.of("other"), below.targetDatasourceUids());
            assertEquals("other", below.queries().get(0).datasourceUid());
            assertEquals("heatmap", below.queries().get(0).format());
            DashboardQueries.Panel inside = dashboard.panels().get(2);
            assertEquals("${datasource}", inside.datasourceUid(), "legacy string datasource");
            assertTrue(inside.queries().get(0).hidden());
        }

        @Test
        void substitutesAllVariableForms() {
            Map<String, String> vars = new HashMap<>(DashboardQueries.DEFAULT_VARIABLES);
            vars.put("job", "node");
            List<DashboardQueries.PanelQuery> qs = dashboard.queries(vars);
            assertEquals("up{job=~\"node\"}", qs.get(0).expr());
            assertEquals("rate(x_total{instance=~\".*\"}[1m])", qs.get(1).expr());
            assertEquals("node node $jobs 15s", qs.get(2).expr(), "unknown $jobs stays, $job does not eat it");
            assertEquals("a$b", DashboardQueries.substitute("a$b", Map.of()));
            assertEquals("x$1\\y", DashboardQueries.substitute("$v", Map.of("v", "x$1\\y")), "replacement is literal");
        }

        @Test
        void variables() {
            assertEquals(3, dashboard.variables().size());
            DashboardQueries.Variable job = dashboard.variable("job");
            assertEquals("label_values(up, job)", job.query(), "object form of a query variable");
            assertEquals("job", job.labelValuesLabel());
            assertEquals("up", job.labelValuesSelector());
            assertEquals("${datasource}", job.datasourceUid());
            DashboardQueries.Variable instance = dashboard.variable("instance");
            assertEquals("instance", instance.labelValuesLabel());
            assertNull(instance.labelValuesSelector());
            assertNull(dashboard.variable("nope"));
        }

        @Test
        void apiEnvelopeAndInputsAndErrors() {
            DashboardQueries wrapped = DashboardQueries.parse("api.json",
                    "{\"meta\": {}, \"dashboard\": {\"uid\": \"u\", \"__inputs\": [], \"panels\": []}}");
            assertEquals("u", wrapped.uid());
            assertTrue(wrapped.hasInputs());
            DashboardQueries legacy = DashboardQueries.parse("legacy.json",
                    "{\"rows\": [{\"title\": \"R\", \"panels\": [{\"title\": \"P\", \"targets\": [{\"refId\": \"A\", \"expr\": \"up\"}]}]}]}");
            assertEquals("R", legacy.panels().get(0).row());
            assertEquals("up", legacy.queries().get(0).expr());
            try {
                DashboardQueries.parse("bad.json", "{not json");
                fail("expected an exception");
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("bad.json"), expected.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    /** The {@code {...}} label matchers right after a metric name at {@code from}, or null. */
    static String matchersAfter(String expr, int from) {
        int i = from;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        if (i >= expr.length() || expr.charAt(i) != '{') {
            return null;
        }
        boolean quoted = false;
        for (int j = i + 1; j < expr.length(); j++) {
            char c = expr.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return expr.substring(i, j + 1);
            }
        }
        return null;
    }

    /** The name of the function whose argument list contains position {@code at}, or "" at top level. */
    static String enclosingFunction(String expr, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = expr.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    int end = i;
                    while (end > 0 && Character.isWhitespace(expr.charAt(end - 1))) {
                        end--;
                    }
                    int start = end;
                    while (start > 0 && (Character.isLetterOrDigit(expr.charAt(start - 1)) || expr.charAt(start - 1) == '_')) {
                        start--;
                    }
                    return expr.substring(start, end);
                }
                depth--;
            }
        }
        return "";
    }

    private static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }
}
