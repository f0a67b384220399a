package io.nodescope.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A separate JVM, by default the sample node, optionally with the built agent attached. Its
 * output (stdout and stderr together) is kept so that tests can wait for and inspect lines.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("node listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final String command;
    private final Thread reader;

    private NodeProcess(Process process, String command) {
        this.process = process;
        this.command = command;
        this.reader = new Thread(this::readOutput, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Builder sampleNode() {
        return new Builder().jar(TestPaths.sampleNodeJar());
    }

    static Builder java() {
        return new Builder();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until a line satisfies {@code condition}, failing with the output so far. */
    String awaitLine(Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (condition.test(lines.get(checked))) {
                        return lines.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                // The process may have ended with its last lines still on their way: the reader stops at the end of them.
                if (left <= 0 || !process.isAlive() && !reader.isAlive() && checked == lines.size()) {
                    throw new AssertionError("no matching line within " + timeout + " from " + command + "\n" + output());
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The sample node's HTTP port, from its listening line. */
    int awaitListening(Duration timeout) {
        Matcher matcher = LISTENING.matcher(awaitLine(line -> LISTENING.matcher(line).find(), timeout));
        matcher.find();
        return Integer.parseInt(matcher.group(1));
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " still runs after " + timeout + "\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    List<String> outputLines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How to start the JVM. */
    static final class Builder {
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private final List<String> jvmArguments = new ArrayList<>();
        private final List<String> launch = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();

        Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        Builder agent(Path config) {
            return jvmArguments("-javaagent:" + TestPaths.agentJar() + "=config=" + config);
        }

        Builder jvmArguments(String... more) {
            jvmArguments.addAll(List.of(more));
            return this;
        }

        Builder jar(Path jar) {
            launch.clear();
            launch.add("-jar");
            launch.add(jar.toString());
            return this;
        }

        Builder mainClass(String classPath, String mainClass) {
            launch.clear();
            launch.add("-cp");
            launch.add(classPath);
            launch.add(mainClass);
            return this;
        }

        Builder arguments(String... more) {
            arguments.addAll(List.of(more));
            return this;
        }

        Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        NodeProcess start() {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmArguments);
            command.addAll(launch);
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("NODESCOPE_"));
            builder.environment().putAll(environment);
            try {
                return new NodeProcess(builder.start(), command.stream().collect(Collectors.joining(" ")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
