package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void helpPrintsEveryCommandAndSucceeds() {
        CliRun run = CliRun.in(dir, "help");
        assertEquals(0, run.exitCode, run.toString());
        for (String command : new String[] {"init", "validate", "match", "attach", "--observability none|remote|local", "--force"}) {
            assertTrue(run.out.contains(command), command + " in\n" + run.out);
        }
        assertEquals(run.out, CliRun.in(dir, "--help").out);
    }

    @Test
    void noCommandPrintsTheUsageAsAnError() {
        CliRun run = CliRun.in(dir);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("Usage: java -jar nodescope-agent.jar"), run.toString());
        assertEquals("", run.out);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.in(dir, "instal");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("unknown command 'instal'"), run.toString());
    }
}
