package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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

    /** Fails with the checker's output, and {@code context} after it, unless it exits with 0; returns the output. */
    static String assertPasses(ProcessBuilder checker, String context) throws IOException, InterruptedException {
        Process process = start(checker);
        String output = output(process);
        assertFinished(checker, process);
        assertEquals(0, process.exitValue(), String.join(" ", checker.command()) + ":\n" + output + context);
        return output;
    }

    /** The checker's output when it rejects its input, else empty. */
    static Optional<String> problems(ProcessBuilder checker) throws IOException, InterruptedException {
        Process process = start(checker);
        String output = output(process);
        assertFinished(checker, process);
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(output);
    }

    private static Process start(ProcessBuilder checker) throws IOException {
        return checker.redirectErrorStream(true).start();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void assertFinished(ProcessBuilder checker, Process process) throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", checker.command()) + " finished");
    }
}
