package io.nodescope.agent;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code -javaagent:nodescope-agent.jar=config=PATH} argument, with {@code NODESCOPE_CONFIG} as fallback. */
final class AgentArguments {

    static final String CONFIG_VARIABLE = "NODESCOPE_CONFIG";

    private AgentArguments() {
    }

    /** The config file to read; throws when the argument is given but malformed. */
    static Optional<Path> configPath(String arguments, String environmentValue) {
        if (arguments != null && !arguments.isBlank()) {
            for (String pair : arguments.split(",")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair.trim() : pair.substring(0, equals).trim();
                if (!key.equals("config") || equals < 0 || pair.substring(equals + 1).isBlank()) {
                    throw new IllegalArgumentException("agent argument '" + pair.trim()
                            + "' is not understood; write -javaagent:nodescope-agent.jar=config=/path/to/nodescope.toml");
                }
                return Optional.of(Path.of(pair.substring(equals + 1).trim()));
            }
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Optional.of(Path.of(environmentValue.trim()));
        }
        return Optional.empty();
    }
}
