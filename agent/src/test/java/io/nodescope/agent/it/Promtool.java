package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Prometheus' own checker, from the Debian package. */
final class Promtool {

    private Promtool() {
    }

    static void checkMetrics(Path exposition) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "check", "metrics").redirectInput(exposition.toFile()),
                "\non:\n" + Files.readString(exposition));
    }

    /** Checks a Prometheus config and the rule files it names; returns what promtool printed. */
    static String checkConfig(Path config) throws IOException, InterruptedException {
        return CheckerRun.assertPasses(new ProcessBuilder(binary(), "check", "config", config.toString()), "");
    }

    static void checkRules(Path ruleFile) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "check", "rules", ruleFile.toString()), "");
    }

    /** promtool's report on a rule file when it rejects the file (e.g. a PromQL parse error naming the rule), else empty. */
    static Optional<String> ruleProblems(Path rules) throws IOException, InterruptedException {
        return CheckerRun.problems(new ProcessBuilder(binary(), "check", "rules", rules.toString()));
    }

    /** Runs rule unit tests; their rule files are found relative to the test file. */
    static void testRules(Path testFile) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "test", "rules", testFile.toString()), "");
    }

    private static String binary() {
        return CheckerRun.binary("PROMTOOL_BIN", "/usr/bin/promtool");
    }
}
