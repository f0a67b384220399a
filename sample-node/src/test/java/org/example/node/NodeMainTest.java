package org.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badOptionExitsWithTwoAndNamesTheOption() {
        int exitCode = run("--workload-rate", "fast");

        assertEquals(NodeMain.EXIT_BAD_OPTIONS, exitCode);
        assertTrue(text(err).contains("--workload-rate needs a whole number"), text(err));
        assertEquals("", text(out));
    }

    @Test
    void portInUseExitsWithOne() throws Exception {
        try (Node other = Node.start(NodeOptions.parse("--port", "0"))) {
            int exitCode = run("--port", String.valueOf(other.baseUri().getPort()), "--run-seconds", "1");

            assertEquals(NodeMain.EXIT_CANNOT_START, exitCode);
            assertTrue(text(err).contains("cannot listen on 127.0.0.1:"), text(err));
        }
    }

    @Test
    void runsTheWorkloadThenStopsByItself() {
        int exitCode = run("--port", "0", "--workload-seconds", "1", "--workload-rate", "20",
                "--error-share", "0", "--run-seconds", "2");

        assertEquals(NodeMain.EXIT_OK, exitCode);
        List<String> lines = text(out).lines().toList();
        assertEquals(3, lines.size(), text(out));
        assertTrue(lines.get(0).matches("node listening on http://127\\.0\\.0\\.1:[0-9]+"), lines.get(0));
        assertTrue(lines.get(1).matches("workload finished: sent=20 ok=20 failed=0 seconds=[0-9]+\\.[0-9]{2}"), lines.get(1));
        assertEquals("node stopped", lines.get(2));
    }

    private int run(String... args) {
        return NodeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
