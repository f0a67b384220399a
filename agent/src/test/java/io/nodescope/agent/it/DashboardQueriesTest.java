package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link DashboardQueries} reads a dashboard: panels in rows, targets, variables and their substitution. */
class DashboardQueriesTest {

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
