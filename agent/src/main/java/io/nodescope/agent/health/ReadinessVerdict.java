package io.nodescope.agent.health;

import io.nodescope.agent.metrics.ReadinessReport;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Every check's result at one moment, with the JSON body {@code /health/ready} sends, written once. */
final class ReadinessVerdict implements ReadinessReport {

    private final boolean ready;
    private final byte[] json;

    ReadinessVerdict(List<CheckResult> results) {
        this.ready = results.stream().allMatch(result -> result.ok);
        StringBuilder text = new StringBuilder(128 + 128 * results.size())
                .append("{\"status\":\"").append(ready ? "ready" : "not ready").append("\",\"checks\":[");
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            text.append(i == 0 ? "" : ",").append("{\"name\":");
            string(text, result.name);
            text.append(",\"check\":\"").append(result.check).append("\",\"ok\":").append(result.ok).append(",\"detail\":");
            string(text, result.detail);
            text.append('}');
        }
        this.json = text.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    /** A JSON string: quotes, backslashes and control characters escaped (names come from the config file). */
    private static void string(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        text.append('"');
    }
}
