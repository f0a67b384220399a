package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prometheus' own checker, from the Debian package. */
final class Promtool {

    private Promtool() {
    }

    static void checkMetrics(Path exposition) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "check", "metrics").redirectInput(exposition.toFile()),
                "\non:\n" + Files.readString(exposition));
    }

    static void checkRules(Path ruleFile) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "check", "rules", ruleFile.toString()), "");
    }

    /** Runs rule unit tests; their rule files are found relative to the test file. */
    static void testRules(Path testFile) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "test", "rules", testFile.toString()), "");
    }

    private static String binary() {
        return CheckerRun.binary("PROMTOOL_BIN", "/usr/bin/promtool");
    }
}
