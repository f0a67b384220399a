package io.nodescope.agent;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code -javaagent:nodescope-agent.jar=config=PATH} argument, with {@code NODESCOPE_CONFIG}
 * as fallback. Everything after {@code config=} is the path, commas and {@code =} included, with
 * blanks around it trimmed; a path in double quotes keeps its blanks ({@code config="/srv/my node/a.toml"}).
 */
final class AgentArguments {

    static final String CONFIG_VARIABLE = "NODESCOPE_CONFIG";
    private static final String CONFIG = "config";
    private static final String EXAMPLE = "write -javaagent:nodescope-agent.jar=config=/path/to/nodescope.toml";

    private AgentArguments() {
    }

    /** The config file to read; throws when the argument is given but malformed. */
    static Optional<Path> configPath(String arguments, String environmentValue) {
        if (arguments != null && !arguments.isBlank()) {
            int equals = arguments.indexOf('=');
            if (equals < 0 || !arguments.substring(0, equals).trim().equals(CONFIG)) {
                throw new IllegalArgumentException("agent argument '" + arguments.trim() + "' is not understood; " + EXAMPLE);
            }
            String path = arguments.substring(equals + 1).trim();
            if (path.startsWith("\"")) {
                if (path.length() < 2 || !path.endsWith("\"")) {
                    throw new IllegalArgumentException("agent argument '" + arguments.trim()
                            + "' has no closing quote; write config=\"/path/with spaces/nodescope.toml\"");
                }
                path = path.substring(1, path.length() - 1);
            }
            if (path.isBlank()) {
                throw new IllegalArgumentException("agent argument '" + arguments.trim() + "' names no file; " + EXAMPLE);
            }
            return Optional.of(Path.of(path));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Optional.of(Path.of(environmentValue.trim()));
        }
        return Optional.empty();
    }
}
