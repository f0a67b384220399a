package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What attach refuses, and says so, before it sends anything to a process; attaching itself is in AttachIT. */
class AttachCommandTest {

    /** Above Linux's largest process id: no process has it. */
    private static final String NO_SUCH_PID = "999999999";

    @TempDir
    Path dir;

    @Test
    void needsOneProcessIdAndAConfig() {
        assertUsageError("attach takes one process id", "attach", "--config", "n.toml");
        assertUsageError("attach takes one process id", "attach", "12", "13", "--config", "n.toml");
        assertUsageError("attach needs --config FILE", "attach", "12");
        assertUsageError("unknown option --classpath", "attach", "12", "--config", "n.toml", "--classpath", "x.jar");
        assertUsageError("--config needs a value", "attach", "12", "--config");
    }

    @Test
    void aProcessIdIsAPositiveWholeNumber() {
        for (String pid : new String[] {"node", "0", "-5", "12.5", "99999999999999999999"}) {
            assertUsageError("attach needs the node's process id (a positive whole number, as jps or pgrep -f print it), got '"
                    + pid + "'", "attach", pid, "--config", "n.toml");
        }
    }

    @Test
    void anInvalidConfigIsRefusedWithItsProblemsBeforeTheProcessIsLookedAt() throws Exception {
        Files.writeString(dir.resolve("n.toml"), "[telemetry.metrics]\nenabled = maybe\n");
        CliRun run = CliRun.in(dir, "attach", NO_SUCH_PID, "--config", "n.toml");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains(dir.resolve("n.toml") + ":2:"), run.toString());
        assertTrue(run.err.contains("invalid, 1 problem\nnodescope: nothing was attached; fix the config first\n"), run.toString());
        assertFalse(run.err.contains(NO_SUCH_PID), "the process is not looked at: " + run);
        assertEquals("", run.out);
    }

    @Test
    void aConfigWithEverySignalOffStartsNothing() throws Exception {
        Files.writeString(dir.resolve("n.toml"), "[telemetry.traces]\nenabled = false\n[telemetry.metrics]\nenabled = false\n");
        CliRun run = CliRun.in(dir, "attach", NO_SUCH_PID, "--config", "n.toml");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("traces, metrics and logs are all disabled in " + dir.resolve("n.toml") + "; nothing was attached"),
                run.toString());
    }

    @Test
    void aProcessIdNoProcessHasIsRefused() throws Exception {
        CliRun run = CliRun.in(dir, "attach", NO_SUCH_PID, "--config", validConfig());
        assertEquals(3, run.exitCode, run.toString());
        assertEquals("nodescope: no process with PID " + NO_SUCH_PID + "\n", run.err);
    }

    /** The attach API's SIGQUIT would end a process that is not a JVM; it is never sent. */
    @Test
    void aProcessThatIsNoJvmIsRefusedAndLeftRunning() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "reads Linux's /proc");
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            CliRun run = CliRun.in(dir, "attach", Long.toString(sleep.pid()), "--config", validConfig());
            assertEquals(3, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("nodescope: PID " + sleep.pid() + " ("), run.toString());
            assertTrue(run.err.contains("sleep) does not handle SIGQUIT, so it is not a JVM that can be attached (or one started"
                    + " with -Xrs); nothing was sent to it"), run.toString());
            assertTrue(sleep.isAlive());
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void aJvmHandlesTheQuitSignal() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "reads Linux's /proc");
        assertTrue(AttachCommand.mayHandleQuitSignal(ProcessHandle.current().pid()));
    }

    private String validConfig() throws Exception {
        Files.writeString(dir.resolve("n.toml"), "[telemetry.traces]\nenabled = false\n[telemetry.metrics]\nenabled = true\n");
        return "n.toml";
    }

    private void assertUsageError(String message, String... args) {
        CliRun run = CliRun.in(dir, args);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("nodescope: " + message), message + " in " + run);
    }
}
