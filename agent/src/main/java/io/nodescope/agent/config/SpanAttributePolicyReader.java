package io.nodescope.agent.config;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code drop_attributes} and {@code hash_attributes} of {@code [telemetry.traces]}. */
final class SpanAttributePolicyReader {

    private SpanAttributePolicyReader() {
    }

    static SpanAttributePolicy read(TomlSection traces) {
        Set<String> dropped = keys(traces, "drop_attributes");
        Set<String> hashed = keys(traces, "hash_attributes");
        for (String key : hashed) {
            if (dropped.contains(key)) {
                traces.problem("hash_attributes", "'" + key + "' is also in drop_attributes; a dropped attribute is not sent at all");
            }
        }
        return new SpanAttributePolicy(dropped, hashed);
    }

    private static Set<String> keys(TomlSection traces, String key) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : traces.strings(key)) {
            if (SpanAttributePolicy.ADJUSTABLE.contains(name)) {
                keys.add(name);
            } else {
                traces.problem(key, "'" + name + "' cannot be dropped or hashed; expected one of "
                        + String.join(", ", new TreeSet<>(SpanAttributePolicy.ADJUSTABLE))
                        + " (a command, task or other subject also names the span and its metrics)");
            }
        }
        return keys;
    }
}
