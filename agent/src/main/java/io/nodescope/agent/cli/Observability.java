package io.nodescope.agent.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The deployment modes {@code init} writes a config for. */
enum Observability {
    /** Nothing sent anywhere, nothing listening: the agent stays off until a signal is switched on. */
    NONE,
    /** Spans to the operator's OTLP backend; {@code /metrics} on loopback for a scraper on the host. */
    REMOTE,
    /** Spans and metrics to the stack of {@code deploy/local}, all on loopback. */
    LOCAL;

    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Observability> named(String value) {
        return Arrays.stream(values()).filter(mode -> mode.optionValue().equals(value)).findFirst();
    }
}
