package io.nodescope.agent.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/** {@code [telemetry.logs]} after environment overrides: the node's log records exported over OTLP. */
public final class LogsConfig {

    /** The least severe records exported, by OpenTelemetry's severity numbers. */
    public enum Level {
        TRACE(1), DEBUG(5), INFO(9), WARN(13), ERROR(17);

        private final int severity;

        Level(int severity) {
            this.severity = severity;
        }

        /** The lowest OpenTelemetry severity number of the level. */
        public int severity() {
            return severity;
        }

        // Loops rather than streams: read in premain, where each lambda's first use costs the start.
        static Optional<Level> named(String name) {
            for (Level level : values()) {
                if (level.name().equalsIgnoreCase(name)) {
                    return Optional.of(level);
                }
            }
            return Optional.empty();
        }

        static String names() {
            StringJoiner names = new StringJoiner(", ");
            for (Level level : values()) {
                names.add("\"" + level.name().toLowerCase(Locale.ROOT) + "\"");
            }
            return names.toString();
        }
    }

    private final boolean enabled;
    private final URI endpoint;
    private final OtlpProtocol protocol;
    private final Level level;

    LogsConfig(boolean enabled, URI endpoint, OtlpProtocol protocol, Level level) {
        this.enabled = enabled;
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.level = level;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The full URL records are sent to (for http/protobuf it ends in {@code /v1/logs}). */
    public URI endpoint() {
        return endpoint;
    }

    public OtlpProtocol protocol() {
        return protocol;
    }

    public Level level() {
        return level;
    }
}
