package io.nodescope.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes TOML text to a file and loads it, for tests that need a config or rules. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** The policy of a config that neither drops nor hashes span attributes. */
    public static SpanAttributePolicy keepAllAttributes() {
        return SpanAttributePolicy.KEEP_ALL;
    }

    public static AgentConfig load(Path dir, String toml) throws ConfigException {
        return load(dir, toml, Map.of());
    }

    public static AgentConfig load(Path dir, String toml, Map<String, String> environment) throws ConfigException {
        try {
            Path file = Files.createTempFile(dir, "nodescope", ".toml");
            Files.writeString(file, toml);
            return ConfigLoader.load(file, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
