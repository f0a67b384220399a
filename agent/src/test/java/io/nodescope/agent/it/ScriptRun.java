package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to its end in a directory, with text on its standard input: its exit code and its output (stdout and stderr). */
record ScriptRun(List<String> command, int exitCode, String output) {

    static ScriptRun of(Path directory, Map<String, String> environment, String input, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("NODESCOPE_") || name.endsWith("JAVA_OPTIONS")
                || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(Patience.START.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + Patience.START + ":\n" + output);
        }
        return new ScriptRun(command, process.exitValue(), output);
    }

    /** Fails with the command and what it printed unless it exited with 0. */
    ScriptRun succeeded() {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
        }
        return this;
    }
}
