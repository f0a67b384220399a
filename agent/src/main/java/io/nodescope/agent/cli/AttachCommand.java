package io.nodescope.agent.cli;

import io.nodescope.agent.AgentPresence;
import io.nodescope.agent.NodescopeAgent;
import io.nodescope.agent.config.AgentConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code attach PID --config FILE}: starts the agent in a JVM that is already running, through the
 * JDK's attach API; the agent then rewrites the classes already loaded as well as those loaded
 * later. The config is checked first, and the target is asked whether the agent already runs
 * there ({@link AgentPresence}) before anything is loaded into it.
 */
final class AttachCommand {

    private static final String CONFIG = "--config";
    /** Installing the rules rewrites every loaded class they select: seconds in a large application. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 200;
    private static final int QUIT_SIGNAL = 3;
    private static final String REQUIREMENTS = "the node must be a JVM (Java 11 or later) run by the same user as this command,"
            + " started without -XX:+DisableAttachMechanism";

    private AttachCommand() {
    }

    static int run(List<String> arguments, Terminal terminal) throws UsageException {
        Options options = Options.parse(arguments, Set.of(CONFIG), Set.of());
        if (options.positional().size() != 1) {
            throw new UsageException("attach takes one process id, e.g. attach 4242 --config /etc/nodescope/nodescope.toml");
        }
        long pid = pid(options.positional().get(0));
        Path file = terminal.path(options.required(CONFIG, "attach needs --config FILE")).toAbsolutePath().normalize();
        Optional<AgentConfig> config = ValidateCommand.load(file, terminal);
        if (config.isEmpty()) {
            terminal.err.println("nodescope: nothing was attached; fix the config first");
            return Main.FAILED;
        }
        if (!config.get().anySignalEnabled()) {
            terminal.err.println("nodescope: traces, metrics and logs are all disabled in " + file + "; nothing was attached");
            return Main.FAILED;
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            terminal.err.println("nodescope: this Java runtime (" + System.getProperty("java.home") + ") has no attach API"
                    + " (module jdk.attach); run the command with a JDK's java");
            return Main.CANNOT_ATTACH;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            terminal.err.println("nodescope: no process with PID " + pid);
            return Main.CANNOT_ATTACH;
        }
        if (!mayHandleQuitSignal(pid)) {
            // The attach API asks a JVM to listen by sending it SIGQUIT, which ends any other process.
            terminal.err.println("nodescope: PID " + pid + " (" + process.get().info().command().orElse("unknown command")
                    + ") does not handle SIGQUIT, so it is not a JVM that can be attached (or one started with -Xrs);"
                    + " nothing was sent to it");
            return Main.CANNOT_ATTACH;
        }
        Optional<Path> jar = agentJar();
        if (jar.isEmpty()) {
            terminal.err.println("nodescope: attach loads the agent from its jar; run it as java -jar nodescope-agent.jar attach ...");
            return Main.FAILED;
        }
        return attach(pid, jar.get(), file, terminal);
    }

    private static int attach(long pid, Path jar, Path config, Terminal terminal) {
        TargetJvm target;
        try {
            target = TargetJvm.attach(pid);
        } catch (TargetJvm.Failure e) {
            terminal.err.println("nodescope: cannot attach to PID " + pid + ": " + e.getMessage() + "\n  " + REQUIREMENTS);
            return Main.CANNOT_ATTACH;
        }
        try (target) {
            Optional<AgentPresence> present = target.systemProperty(AgentPresence.PROPERTY).map(AgentPresence::parse);
            if (present.isPresent() && !present.get().state().equals(AgentPresence.OFF)) {
                terminal.err.println("nodescope: the agent already " + describe(present.get()) + " in PID " + pid
                        + "; nothing was changed");
                return Main.ALREADY_RUNNING;
            }
            // Quoted: the agent reads everything after config= as the path, and a quoted one keeps its blanks.
            target.loadAgent(jar, "config=\"" + config + "\"");
            return report(awaitStart(target), pid, config, terminal);
        } catch (TargetJvm.Failure e) {
            terminal.err.println("nodescope: PID " + pid + " did not take the agent: " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** The agent's state once its start ended, or still {@link AgentPresence#STARTING} at the deadline. */
    private static AgentPresence awaitStart(TargetJvm target) throws TargetJvm.Failure {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            // Absent after the load: the agent's entry never claimed the JVM, so it did not start.
            AgentPresence presence = target.systemProperty(AgentPresence.PROPERTY).map(AgentPresence::parse)
                    .orElse(AgentPresence.parse(AgentPresence.OFF));
            if (!presence.state().equals(AgentPresence.STARTING) || System.nanoTime() > deadline) {
                return presence;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return presence;
            }
        }
    }

    private static int report(AgentPresence presence, long pid, Path config, Terminal terminal) {
        switch (presence.state()) {
            case AgentPresence.RUNNING:
                printInstrumented(presence.instrumentedMethods(), pid, config, terminal);
                return Main.OK;
            case AgentPresence.STARTING:
                terminal.err.println("nodescope: the agent is loaded in PID " + pid + " but has not installed its rules after "
                        + START_DEADLINE.toSeconds() + " s; the node's standard error (lines starting [nodescope]) says how far it got");
                return Main.FAILED;
            default:
                terminal.err.println("nodescope: the agent did not start in PID " + pid + " (" + presence.state() + ");"
                        + " the node's standard error (lines starting [nodescope]) says why");
                return Main.FAILED;
        }
    }

    private static void printInstrumented(Map<String, List<String>> methods, long pid, Path config, Terminal terminal) {
        terminal.out.println("attached to PID " + pid + " with " + config);
        terminal.out.println("methods instrumented in the classes loaded so far, by rule:");
        int width = methods.keySet().stream().mapToInt(String::length).max().orElse(0);
        boolean someAtZero = false;
        for (Map.Entry<String, List<String>> rule : methods.entrySet()) {
            terminal.out.println("  " + rule.getKey() + " ".repeat(width - rule.getKey().length()) + "  " + rule.getValue().size());
            for (String method : rule.getValue()) {
                terminal.out.println("      " + method);
            }
            someAtZero |= rule.getValue().isEmpty();
        }
        if (someAtZero) {
            terminal.out.println("note: a rule at 0 selects nothing loaded yet; it applies to its classes when the node loads them"
                    + " ('match' lists what it selects in the node's jars)");
        }
        terminal.out.println("note: calls already in progress when the agent attached are not recorded");
    }

    private static String describe(AgentPresence presence) {
        String how = presence.origin().equals("attach") ? "attached earlier" : "started with -javaagent";
        switch (presence.state()) {
            case AgentPresence.RUNNING:
                return "runs (" + how + ")";
            case AgentPresence.STARTING:
                return "is starting (" + how + ")";
            default:
                return "failed to start (" + how + "; see the node's standard error), and may not start twice";
        }
    }

    private static long pid(String argument) throws UsageException {
        try {
            long pid = Long.parseLong(argument);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("attach needs the node's process id (a positive whole number, as jps or pgrep -f print it), got '"
                + argument + "'");
    }

    /**
     * Whether the process catches SIGQUIT, as every JVM that can be attached does, from Linux's
     * {@code /proc/PID/status}; true where that cannot be read (another system), leaving it to the attach API.
     */
    static boolean mayHandleQuitSignal(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
                    return (caught & 1L << (QUIT_SIGNAL - 1)) != 0;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return true;
        }
    }

    /** The agent jar this command runs from; empty when run from a classes directory. */
    private static Optional<Path> agentJar() {
        CodeSource source = NodescopeAgent.class.getProtectionDomain().getCodeSource();
        try {
            Path path = source == null ? null : Path.of(source.getLocation().toURI());
            return path != null && Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
