package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A command-line checker (promtool, amtool) run to completion: its exit code is the verdict, its output the reason. */
final class CheckerRun {

    private CheckerRun() {
    }

    /** The binary named by the environment variable, else the Debian package's. */
    static String binary(String environmentVariable, String packagedPath) {
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment != null ? fromEnvironment : packagedPath;
    }

    /** Fails with the checker's output, and {@code context} after it, unless it exits with 0. */
    static void assertPasses(ProcessBuilder checker, String context) throws IOException, InterruptedException {
        String command = String.join(" ", checker.command());
        Process process = checker.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " finished");
        assertEquals(0, process.exitValue(), command + ":\n" + output + context);
    }
}
