package io.nodescope.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample node's own {@code nodescope.toml}, its rules unchanged, with the telemetry settings
 * a test needs (free ports, a test receiver) written in place of the shipped ones.
 */
final class SampleConfig {

    private String text;

    private SampleConfig(String text) {
        this.text = text;
    }

    static SampleConfig shipped() {
        try {
            return new SampleConfig(Files.readString(TestPaths.repositoryFile("sample-node/nodescope.toml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SampleConfig metricsPort(int port) {
        return set("bind_address", "\"127.0.0.1:" + port + "\"");
    }

    SampleConfig traces(String endpoint, String protocol) {
        return set("otlp_endpoint", "\"" + endpoint + "\"").set("protocol", "\"" + protocol + "\"");
    }

    /** {@code sampler = "keep_errors"} with {@code ratio} of the traces without errors. */
    SampleConfig keepErrors(double ratio) {
        return set("sample_ratio", String.valueOf(ratio)).setting("traces", "sampler", "\"keep_errors\"");
    }

    SampleConfig serviceName(String name) {
        return set("service_name", "\"" + name + "\"");
    }

    SampleConfig tracesEnabled(boolean enabled) {
        return setInSection("[telemetry.traces]", enabled);
    }

    SampleConfig metricsEnabled(boolean enabled) {
        return setInSection("[telemetry.metrics]", enabled);
    }

    /** A key the shipped file does not set, written at the top of {@code [telemetry.<signal>]}. */
    SampleConfig setting(String signal, String key, String value) {
        String header = "[telemetry." + signal + "]\n";
        text = text.replace(header, header + key + " = " + value + "\n");
        return this;
    }

    /** A table the shipped file does not have, written before its first rule. */
    SampleConfig withSection(String table) {
        int rules = text.indexOf("[[rule]]");
        text = text.substring(0, rules) + table + "\n" + text.substring(rules);
        return this;
    }

    /** Rules added after the shipped ones. */
    SampleConfig withRules(String rules) {
        text = text + "\n" + rules;
        return this;
    }

    private SampleConfig setInSection(String header, boolean enabled) {
        int start = text.indexOf(header);
        int line = text.indexOf("enabled = ", start);
        int end = text.indexOf('\n', line);
        text = text.substring(0, line) + "enabled = " + enabled + text.substring(end);
        return this;
    }

    private SampleConfig set(String key, String value) {
        String replaced = text.replaceFirst("(?m)^" + key + " = .*$", java.util.regex.Matcher.quoteReplacement(key + " = " + value));
        if (replaced.equals(text) && !text.contains(key + " = " + value)) {
            throw new AssertionError("sample-node/nodescope.toml has no line '" + key + " = ...'");
        }
        text = replaced;
        return this;
    }

    Path write(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "nodescope", ".toml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
