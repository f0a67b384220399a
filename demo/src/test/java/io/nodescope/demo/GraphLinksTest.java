package io.nodescope.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphLinksTest {

    private static final String DASHBOARD = """
            {"panels": [
              {"type": "row", "title": "Commands", "panels": [
                {"title": "Errors", "targets": [
                  {"expr": "sum(rate(node_command_total{job=~\\"$job\\",instance=~\\"$instance\\",status=\\"error\\"}[$__rate_interval]))"},
                  {"expr": "sum(rate(node_command_total{job=~\\"$job\\",instance=~\\"$instance\\"}[$__rate_interval]))"}]}]},
              {"title": "By step", "targets": [{"expr": "sum(rate(x_total[$__interval]))"}]}
            ]}""";

    @Test
    void aPanelInARowBecomesAGraphPerQueryWithEveryJobAndInstance() throws Exception {
        GraphLinks links = GraphLinks.parse("test.json", DASHBOARD);

        List<String> lines = links.lines("http://127.0.0.1:9090", List.of("Errors"));

        assertEquals(1, lines.size());
        String prefix = "  Errors: http://127.0.0.1:9090/graph?";
        assertTrue(lines.get(0).startsWith(prefix), lines.get(0));
        String query = URI.create(lines.get(0).substring("  Errors: ".length())).getRawQuery();
        assertTrue(!query.contains("+") && !query.contains(" "), "spaces as %20: " + query);
        assertEquals("g0.expr=sum(rate(node_command_total{status=\"error\"}[1m]))&g0.tab=0&g0.range_input=15m"
                + "&g1.expr=sum(rate(node_command_total[1m]))&g1.tab=0&g1.range_input=15m",
                URLDecoder.decode(query, StandardCharsets.UTF_8));
    }

    @Test
    void aVariableTheGraphPageCannotFillInOrAMissingPanelIsAnError() throws Exception {
        GraphLinks links = GraphLinks.parse("test.json", DASHBOARD);

        assertTrue(assertThrows(IllegalArgumentException.class, () -> links.link("http://p", "By step"))
                .getMessage().contains("$__interval"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> links.link("http://p", "Nothing"))
                .getMessage().contains("no panel titled \"Nothing\""));
    }

    @Test
    void theOverviewDashboardsHeadlinePanelsHaveLinks() throws Exception {
        GraphLinks links = GraphLinks.fromDashboard(Path.of("../dashboards/node-overview.json"));

        String latency = URLDecoder.decode(links.link("http://p", "Command p95 latency by command"), StandardCharsets.UTF_8);

        assertEquals("http://p/graph?g0.expr=histogram_quantile(0.95, sum by (le, command)"
                + " (rate(node_command_duration_seconds_bucket[1m])))&g0.tab=0&g0.range_input=15m", latency);
    }
}
