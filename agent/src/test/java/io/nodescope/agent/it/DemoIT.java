package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./demo.sh} runs the node with the agent for a short while, prints its summary and exits 0. */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void aShortDemoPrintsItsSummaryAndExitsZero() throws Exception {
        int port = FreePort.pick();
        int metricsPort = FreePort.pick();
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder("bash", TestPaths.repositoryFile("demo.sh").toString(), "--seconds", "12",
                "--port", String.valueOf(port), "--metrics-port", String.valueOf(metricsPort))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(demo.waitFor(Patience.DATA.toSeconds(), TimeUnit.SECONDS), "the demo ends after its run");
            String printed = Files.readString(output);
            assertEquals(0, demo.exitValue(), printed);
            assertTrue(printed.contains("Metrics: http://127.0.0.1:" + metricsPort + "/metrics"), printed);
            assertTrue(printed.matches("(?s).*commands \\d+ \\([0-9.]+/s, [0-9.]+% errors\\).*"), "a summary line: " + printed);
            assertTrue(printed.contains("The node stopped (exit status 0)."), printed);
        } finally {
            demo.destroyForcibly();
        }
    }
}
