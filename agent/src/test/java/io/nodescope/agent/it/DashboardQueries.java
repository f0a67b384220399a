package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Grafana dashboard JSON model and lists its panels and PromQL queries, so tests can check
 * dashboard conventions and run every query against a real Prometheus.
 *
 * <pre>{@code
 * DashboardQueries dashboard = DashboardQueries.load(Paths.get("../dashboards/node-overview.json"));
 * for (DashboardQueries.PanelQuery q : dashboard.queries()) {
 *     prometheus.awaitNonEmpty(q.withVariables(DashboardQueries.DEFAULT_VARIABLES).expr(), timeout);
 * }
 * }</pre>
 *
 * Panels nested in (collapsed) rows and the legacy {@code rows[].panels} layout are included.
 */
public final class DashboardQueries {

    /** Values that make every query select everything: {@code $job} and {@code $instance} as {@code .*}, {@code $__rate_interval} as {@code 1m}. */
    public static final Map<String, String> DEFAULT_VARIABLES;

    static {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("job", ".*");
        vars.put("instance", ".*");
        vars.put("__rate_interval", "1m");
        vars.put("__interval", "15s");
        vars.put("__range", "1h");
        DEFAULT_VARIABLES = Collections.unmodifiableMap(vars);
    }

    /** {@code ${name}}, {@code ${name:format}}, {@code [[name]]}, {@code [[name:format]]} or {@code $name}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final JsonNode dashboard;
    private final List<Panel> panels;

    private DashboardQueries(String source, JsonNode dashboard) {
        this.source = source;
        this.dashboard = dashboard;
        List<Panel> collected = new ArrayList<>();
        collectPanels(dashboard.path("panels"), null, collected);
        for (JsonNode legacyRow : dashboard.path("rows")) {
            collectPanels(legacyRow.path("panels"), legacyRow.path("title").asText(null), collected);
        }
        this.panels = Collections.unmodifiableList(collected);
    }

    public static DashboardQueries load(Path file) {
        try {
            return parse(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file.toAbsolutePath(), e);
        }
    }

    /** @param source a name for messages (e.g. the file name) */
    public static DashboardQueries parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("dashboard " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("dashboard " + source + " is not a JSON object");
        }
        // the HTTP API (GET /api/dashboards/uid/...) wraps the model in {"dashboard": ..., "meta": ...}
        if (root.has("dashboard") && root.path("dashboard").isObject() && !root.has("panels")) {
            root = root.path("dashboard");
        }
        return new DashboardQueries(source, root);
    }

    /** The dashboard JSON model, for checks this class has no accessor for. */
    public JsonNode json() {
        return dashboard;
    }

    public String source() {
        return source;
    }

    public String uid() {
        return dashboard.path("uid").asText(null);
    }

    public String title() {
        return dashboard.path("title").asText(null);
    }

    /** True when the model has an {@code __inputs} section (an "export for sharing externally"). */
    public boolean hasInputs() {
        return dashboard.has("__inputs");
    }

    /** Every panel except rows, in document order, including panels nested in rows. */
    public List<Panel> panels() {
        return panels;
    }

    /** Every target with a non-blank {@code expr}, in document order. */
    public List<PanelQuery> queries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (Panel panel : panels) {
            queries.addAll(panel.queries());
        }
        return Collections.unmodifiableList(queries);
    }

    /** {@link #queries()} with the given variable values substituted. */
    public List<PanelQuery> queries(Map<String, String> variables) {
        List<PanelQuery> queries = new ArrayList<>();
        for (PanelQuery query : queries()) {
            queries.add(query.withVariables(variables));
        }
        return Collections.unmodifiableList(queries);
    }

    /** The template variables ({@code templating.list}). */
    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            JsonNode query = v.path("query");
            String queryText = query.isObject() ? query.path("query").asText("") : query.asText("");
            variables.add(new Variable(v.path("name").asText(), v.path("type").asText(), queryText,
                    v.path("datasource").path("uid").asText(null)));
        }
        return Collections.unmodifiableList(variables);
    }

    /** The variable called {@code name}, or null. */
    public Variable variable(String name) {
        for (Variable v : variables()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Replaces Grafana variables in {@code text}: {@code $name}, {@code ${name}},
     * {@code ${name:format}}, {@code [[name]]}. Variables not in the map are left unchanged.
     */
    public static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuffer out = new StringBuffer();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = variables.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A row panel either holds its panels (collapsed) or is followed by them at the top level
     * (expanded); either way they belong to the latest row.
     */
    private static void collectPanels(JsonNode array, String rowTitle, List<Panel> into) {
        String currentRow = rowTitle;
        for (JsonNode panel : array) {
            if ("row".equals(panel.path("type").asText())) {
                currentRow = panel.path("title").asText("");
                collectPanels(panel.path("panels"), currentRow, into);
            } else {
                into.add(new Panel(panel, currentRow));
            }
        }
    }

    private static String uidOf(JsonNode datasource) {
        if (datasource.isTextual()) {
            return datasource.asText(); // pre-8.x form: the datasource name or a variable
        }
        return datasource.path("uid").asText(null);
    }

    // ------------------------------------------------------------------------------------------

    /** A panel (never a row) with what the convention checks need. */
    public static final class Panel {
        private final JsonNode json;
        private final String row;
        private final List<PanelQuery> queries;

        Panel(JsonNode json, String row) {
            this.json = json;
            this.row = row;
            List<PanelQuery> qs = new ArrayList<>();
            for (JsonNode target : json.path("targets")) {
                String expr = target.path("expr").asText("");
                if (expr.trim().isEmpty()) {
                    continue;
                }
                JsonNode ds = target.has("datasource") ? target.path("datasource") : json.path("datasource");
                qs.add(new PanelQuery(title(), target.path("refId").asText(""), expr,
                        uidOf(ds), target.path("format").asText("time_series"),
                        target.path("hide").asBoolean(false)));
            }
            this.queries = Collections.unmodifiableList(qs);
        }

        public String title() {
            return json.path("title").asText("");
        }

        public String type() {
            return json.path("type").asText("");
        }

        public int id() {
            return json.path("id").asInt(-1);
        }

        public String description() {
            return json.path("description").asText("");
        }

        /** {@code fieldConfig.defaults.unit}, or null when the panel has none. */
        public String unit() {
            JsonNode unit = json.path("fieldConfig").path("defaults").path("unit");
            return unit.isTextual() && !unit.asText().isEmpty() ? unit.asText() : null;
        }

        /** The panel-level datasource uid (e.g. {@code ${datasource}}), or null. */
        public String datasourceUid() {
            return uidOf(json.path("datasource"));
        }

        public String datasourceType() {
            return json.path("datasource").path("type").asText(null);
        }

        /** Title of the row the panel sits in, or null when it is above the first row. */
        public String row() {
            return row;
        }

        public List<PanelQuery> queries() {
            return queries;
        }

        /** Every target's datasource uid (the panel's when a target has none). */
        public List<String> targetDatasourceUids() {
            List<String> uids = new ArrayList<>();
            for (JsonNode target : json.path("targets")) {
                uids.add(uidOf(target.has("datasource") ? target.path("datasource") : json.path("datasource")));
            }
            return uids;
        }

        public JsonNode json() {
            return json;
        }

        @Override
        public String toString() {
            return type() + " \"" + title() + "\"";
        }
    }

    /** One query of one panel. */
    public static final class PanelQuery {
        private final String panelTitle;
        private final String refId;
        private final String expr;
        private final String datasourceUid;
        private final String format;
        private final boolean hidden;

        public PanelQuery(String panelTitle, String refId, String expr) {
            this(panelTitle, refId, expr, null, "time_series", false);
        }

        PanelQuery(String panelTitle, String refId, String expr, String datasourceUid, String format, boolean hidden) {
            this.panelTitle = Objects.requireNonNull(panelTitle);
            this.refId = Objects.requireNonNull(refId);
            this.expr = Objects.requireNonNull(expr);
            this.datasourceUid = datasourceUid;
            this.format = format;
            this.hidden = hidden;
        }

        public String panelTitle() {
            return panelTitle;
        }

        public String refId() {
            return refId;
        }

        public String expr() {
            return expr;
        }

        public String datasourceUid() {
            return datasourceUid;
        }

        /** {@code time_series}, {@code table} or {@code heatmap}. */
        public String format() {
            return format;
        }

        public boolean hidden() {
            return hidden;
        }

        /** A copy with {@code $var}, {@code ${var}}, {@code [[var]]} replaced from {@code variables}. */
        public PanelQuery withVariables(Map<String, String> variables) {
            return new PanelQuery(panelTitle, refId, substitute(expr, variables), datasourceUid, format, hidden);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof PanelQuery)) {
                return false;
            }
            PanelQuery other = (PanelQuery) o;
            return panelTitle.equals(other.panelTitle) && refId.equals(other.refId) && expr.equals(other.expr);
        }

        @Override
        public int hashCode() {
            return Objects.hash(panelTitle, refId, expr);
        }

        @Override
        public String toString() {
            return panelTitle + " [" + refId + "]: " + expr;
        }
    }

    /** A template variable. */
    public static final class Variable {
        private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$",
                Pattern.DOTALL);

        private final String name;
        private final String type;
        private final String query;
        private final String datasourceUid;

        Variable(String name, String type, String query, String datasourceUid) {
            this.name = name;
            this.type = type;
            this.query = query;
            this.datasourceUid = datasourceUid;
        }

        public String name() {
            return name;
        }

        /** {@code datasource}, {@code query}, {@code custom}, ... */
        public String type() {
            return type;
        }

        /** For a query variable the Grafana query (e.g. {@code label_values(up, job)}); for a datasource variable the plugin id. */
        public String query() {
            return query;
        }

        public String datasourceUid() {
            return datasourceUid;
        }

        /** The label of a {@code label_values(selector, label)} query, or null. */
        public String labelValuesLabel() {
            Matcher m = LABEL_VALUES.matcher(query);
            return m.matches() ? m.group(2) : null;
        }

        /** The selector of a {@code label_values(selector, label)} query, or null (also when it has none). */
        public String labelValuesSelector() {
            Matcher m = LABEL_VALUES.matcher(query);
            return m.matches() && m.group(1) != null ? m.group(1).trim() : null;
        }

        @Override
        public String toString() {
            return name + " (" + type + "): " + query;
        }
    }
}
