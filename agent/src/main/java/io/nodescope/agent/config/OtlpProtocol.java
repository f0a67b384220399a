package io.nodescope.agent.config;

import java.util.Optional;

/** The OTLP transports the agent speaks, by the names OpenTelemetry uses for them. */
public enum OtlpProtocol {
    GRPC("grpc", 4317),
    HTTP_PROTOBUF("http/protobuf", 4318);

    private final String configName;
    private final int defaultPort;

    OtlpProtocol(String configName, int defaultPort) {
        this.configName = configName;
        this.defaultPort = defaultPort;
    }

    public String configName() {
        return configName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** A section's {@code protocol}; empty when absent or unknown (reported). */
    static Optional<OtlpProtocol> read(TomlSection section) {
        Optional<String> name = section.string("protocol");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<OtlpProtocol> protocol = named(name.get());
        if (protocol.isEmpty()) {
            section.problem("protocol", "unknown protocol '" + name.get() + "'; expected \"grpc\" or \"http/protobuf\"");
        }
        return protocol;
    }

    static Optional<OtlpProtocol> named(String name) {
        for (OtlpProtocol protocol : values()) {
            if (protocol.configName.equals(name)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
