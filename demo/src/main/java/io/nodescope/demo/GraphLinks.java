package io.nodescope.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links to Prometheus' graph page that show what panels of a Grafana dashboard show: each panel's queries with
 * every job and instance selected (the dashboard's "All"), over the last 15 minutes, one line per panel:
 * {@code   Command p95 latency by command: http://127.0.0.1:9090/graph?g0.expr=...}.
 */
final class GraphLinks {

    /**
     * Grafana's {@code $__rate_interval} with the local stack's 15 s scrape interval (four of them), as the
     * dashboards show it there; a shorter scrape interval only adds points to the same curve.
     */
    static final String RATE_INTERVAL = "1m";
    private static final String RANGE = "15m";

    private final String dashboard;
    /** Each panel's title and its queries' PromQL, in the dashboard's order. */
    private final Map<String, List<String>> queriesByTitle = new LinkedHashMap<>();

    private GraphLinks(String dashboard, JsonNode model) {
        this.dashboard = dashboard;
        collect(model.path("panels"));
    }

    static GraphLinks fromDashboard(Path file) throws IOException {
        try {
            return new GraphLinks(file.toString(), new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IOException("links: cannot read the dashboard " + file + ": " + e.getMessage(), e);
        }
    }

    static GraphLinks parse(String name, String json) throws IOException {
        return new GraphLinks(name, new ObjectMapper().readTree(json));
    }

    /** One line per title: two spaces, the title, a colon and the link. */
    List<String> lines(String prometheus, List<String> titles) {
        List<String> lines = new ArrayList<>();
        for (String title : titles) {
            lines.add("  " + title + ": " + link(prometheus, title));
        }
        return lines;
    }

    /** {@code prometheus}'s graph page with one graph per query of the panel titled {@code title}. */
    String link(String prometheus, String title) {
        List<String> queries = queriesByTitle.get(title);
        if (queries == null || queries.isEmpty()) {
            throw new IllegalArgumentException(dashboard + " has no panel titled \"" + title + "\" with a query");
        }
        StringBuilder url = new StringBuilder(prometheus).append("/graph?");
        for (int i = 0; i < queries.size(); i++) {
            String g = "g" + i;
            url.append(i == 0 ? "" : "&").append(g).append(".expr=").append(encode(expression(title, queries.get(i))))
                    .append('&').append(g).append(".tab=0&").append(g).append(".range_input=").append(RANGE);
        }
        return url.toString();
    }

    /**
     * The panel's PromQL as Prometheus can run it: the {@code job} and {@code instance} matchers on the dashboard's
     * variables left out (both "All"), {@code $__rate_interval} as {@value #RATE_INTERVAL}.
     */
    String expression(String title, String promql) {
        String expression = promql.replaceAll("(job=~\"\\$job\"|instance=~\"\\$instance\"),?", "")
                .replace(",}", "}").replace("{}", "").replace("$__rate_interval", RATE_INTERVAL);
        if (expression.contains("$")) {
            throw new IllegalArgumentException(dashboard + ", panel \"" + title
                    + "\": a Grafana variable the graph page cannot fill in: " + promql);
        }
        return expression;
    }

    private void collect(JsonNode panels) {
        for (JsonNode panel : panels) {
            List<String> queries = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.get("expr").asText());
                }
            }
            queriesByTitle.putIfAbsent(panel.path("title").asText(), queries);
            collect(panel.path("panels")); // the panels of a collapsed row
        }
    }

    /** Percent-encoding throughout, so that a space is {@code %20} rather than a {@code +}. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
