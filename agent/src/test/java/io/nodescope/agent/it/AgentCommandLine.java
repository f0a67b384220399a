package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar nodescope-agent.jar ARGS} run to completion as a process of its own, with what it printed. */
final class AgentCommandLine {

    final int exitCode;
    final String out;
    final String err;

    private AgentCommandLine(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static AgentCommandLine run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return runOn(Path.of(System.getProperty("java.home")), workingDirectory, args);
    }

    /** Run by the {@code java} of the Java runtime at {@code javaHome}. */
    static AgentCommandLine runOn(Path javaHome, Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(),
                "-jar", TestPaths.agentJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDirectory, "out", ".txt");
        Path err = Files.createTempFile(workingDirectory, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(Patience.START.toSeconds(), TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new AgentCommandLine(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
