package io.nodescope.agent.config;

import java.util.Arrays;
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
        return section.string("protocol").flatMap(name -> {
            Optional<OtlpProtocol> protocol = named(name);
            if (protocol.isEmpty()) {
                section.problem("protocol", "unknown protocol '" + name + "'; expected \"grpc\" or \"http/protobuf\"");
            }
            return protocol;
        });
    }

    static Optional<OtlpProtocol> named(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }
}
