package io.nodescope.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Where a subcommand writes and what it reads from its process: passed in so tests can stand in for it. */
final class Terminal {

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> environment;
    /** Relative paths in arguments are resolved against it. */
    final Path workingDirectory;

    Terminal(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    Path path(String argument) {
        return workingDirectory.resolve(argument);
    }
}
