package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker, from the Debian package. */
final class Promtool {

    private Promtool() {
    }

    static void checkMetrics(Path exposition) throws IOException, InterruptedException {
        run(new ProcessBuilder(binary(), "check", "metrics").redirectInput(exposition.toFile()),
                "\non:\n" + Files.readString(exposition));
    }

    /** Checks a Prometheus config and the rule files it names; returns what promtool printed. */
    static String checkConfig(Path config) throws IOException, InterruptedException {
        return run(new ProcessBuilder(binary(), "check", "config", config.toString()), "");
    }

    private static String run(ProcessBuilder command, String context) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, process.exitValue(), String.join(" ", command.command()) + ":\n" + output + context);
        return output;
    }

    /** promtool's report on a rule file when it rejects the file (e.g. a PromQL parse error naming the rule), else empty. */
    static Optional<String> ruleProblems(Path rules) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary(), "check", "rules", rules.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(output);
    }

    private static String binary() {
        String fromEnvironment = System.getenv("PROMTOOL_BIN");
        return fromEnvironment != null ? fromEnvironment : "/usr/bin/promtool";
    }
}
