package io.nodescope.agent.config;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code drop_attributes}, {@code hash_attributes} and {@code exception_messages} of {@code [telemetry.traces]}. */
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
        boolean exceptionMessages = traces.bool("exception_messages").orElse(false);
        if (!exceptionMessages && hashed.contains(SpanAttributePolicy.EXCEPTION_MESSAGE)) {
            traces.problem("hash_attributes", "'" + SpanAttributePolicy.EXCEPTION_MESSAGE
                    + "' is never sent unless exception_messages = true; set it to send messages hashed");
        }
        return new SpanAttributePolicy(dropped, hashed, exceptionMessages);
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
