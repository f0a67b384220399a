package org.example.node;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.sql.SQLException;
import java.time.Duration;
import org.example.node.api.HttpApi;
import org.example.node.workload.Workload;

/** Command-line entry point: starts the node, optionally drives it with a workload, stops it cleanly. */
public final class NodeMain {
    static final int EXIT_OK = 0;
    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_BAD_OPTIONS = 2;

    private NodeMain() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        if (exitCode != EXIT_OK) {
            System.exit(exitCode);
        }
    }

    /** Runs the node as {@link #main} does, printing to the given streams; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        NodeOptions options;
        try {
            options = NodeOptions.parse(args);
        } catch (OptionException e) {
            err.println("sample-node: " + e.getMessage());
            err.println(NodeOptions.USAGE);
            return EXIT_BAD_OPTIONS;
        }
        options.logFormat().select();
        Node node;
        try {
            node = Node.start(options);
        } catch (BindException e) {
            err.println("sample-node: cannot listen on " + HttpApi.BIND_ADDRESS + ":" + options.port() + ": " + e);
            return EXIT_CANNOT_START;
        } catch (IOException e) {
            err.println("sample-node: cannot create the data directory: " + e);
            return EXIT_CANNOT_START;
        } catch (SQLException e) {
            err.println("sample-node: cannot open the operations database: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        out.println("node listening on " + node.baseUri());
        out.flush();

        RunningNode running = new RunningNode(node, out);
        Thread stopOnSignal = new Thread(running::stop, "node-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        if (options.workloadSeconds() > 0) {
            running.startWorkload(new Workload(node.baseUri(), Duration.ofSeconds(options.workloadSeconds()),
                    options.workloadRate(), options.errorShare()));
        }
        try {
            waitForRunTime(options.runSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook finds the node stopped and does nothing
        }
        return EXIT_OK;
    }

    private static void waitForRunTime(int runSeconds) throws InterruptedException {
        if (runSeconds == 0) {
            Thread.currentThread().join(); // never returns: the node runs until a signal ends the JVM
        } else {
            Thread.sleep(runSeconds * 1000L);
        }
    }
}
