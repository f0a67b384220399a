package io.nodescope.agent.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The span kind a rule sets over the one its kind derives ({@code span_kind = "server"}); the names
 * are OpenTelemetry's {@code SpanKind}, which the agent maps them to when it binds the rule.
 */
public enum RuleSpanKind {
    INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    /** How a rule writes it: {@code client}. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<RuleSpanKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.configName().equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(RuleSpanKind::configName).collect(Collectors.joining(", "));
    }
}
