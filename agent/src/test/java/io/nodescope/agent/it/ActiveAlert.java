package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An alert a Prometheus server holds, pending or firing, as {@code /api/v1/alerts} lists it. */
record ActiveAlert(String name, String state, Map<String, String> labels) {

    static List<ActiveAlert> of(PrometheusServer prometheus) {
        List<ActiveAlert> alerts = new ArrayList<>();
        for (JsonNode alert : prometheus.getJson("/api/v1/alerts").path("data").path("alerts")) {
            Map<String, String> labels = new LinkedHashMap<>();
            alert.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            alerts.add(new ActiveAlert(labels.get("alertname"), alert.path("state").asText(), labels));
        }
        return alerts;
    }

    String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
