package io.nodescope.agent.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar nodescope-agent.jar <command>}: write a config for a deployment mode, check a
 * config, list what its rules select, attach the agent to a running JVM. Never loaded when the jar
 * runs as an agent.
 */
public final class Main {

    static final int OK = 0;
    /** The config is invalid, a file is in the way, or a file cannot be read or written. */
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** attach: no such process, not a JVM, or the JVM refused the attach. */
    static final int CANNOT_ATTACH = 3;
    /** attach: the agent already runs in the target; nothing was changed. */
    static final int ALREADY_RUNNING = 4;

    private Main() {
    }

    public static void main(String[] args) {
        Terminal terminal = new Terminal(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        System.exit(run(Arrays.asList(args), terminal));
    }

    static int run(List<String> args, Terminal terminal) {
        if (args.isEmpty()) {
            terminal.err.print(usage());
            return USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "init":
                    return InitCommand.run(rest, terminal);
                case "validate":
                    return ValidateCommand.run(rest, terminal);
                case "match":
                    return MatchCommand.run(rest, terminal);
                case "attach":
                    return AttachCommand.run(rest, terminal);
                case "help":
                case "--help":
                case "-h":
                    terminal.out.print(usage());
                    return OK;
                default:
                    throw new UsageException("unknown command '" + args.get(0) + "'");
            }
        } catch (UsageException e) {
            terminal.err.println("nodescope: " + e.getMessage());
            terminal.err.println("Run 'java -jar nodescope-agent.jar help' for the commands and their options.");
            return USAGE;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The last line of defence: a command never ends in a stack trace.
            terminal.err.println("nodescope: " + args.get(0) + " failed: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            return FAILED;
        }
    }

    static String usage() {
        return Resources.text("usage.txt");
    }
}
