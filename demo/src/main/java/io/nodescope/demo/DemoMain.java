package io.nodescope.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What demo.sh runs beside the node:
 * <pre>
 * java -jar nodescope-demo.jar traces PORT PARENT_PID
 * java -jar nodescope-demo.jar links DASHBOARD PROMETHEUS_URL PANEL_TITLE...
 * </pre>
 */
public final class DemoMain {

    private static final String USAGE = "usage: java -jar nodescope-demo.jar traces PORT PARENT_PID\n"
            + "       java -jar nodescope-demo.jar links DASHBOARD PROMETHEUS_URL PANEL_TITLE...";

    private DemoMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nodescope-demo: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("nodescope-demo: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("traces")) {
            ProcessHandle parent = parentPid(args[2]);
            TraceTreeReceiver.start(port(args[1]), System.out).exitWith(parent);
        } else if (args.length >= 4 && args[0].equals("links")) {
            List<String> titles = Arrays.asList(args).subList(3, args.length);
            GraphLinks.fromDashboard(Path.of(args[1])).lines(args[2], titles).forEach(System.out::println);
        } else {
            throw new IllegalArgumentException("unknown command or missing arguments");
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("traces: the port must be a number from 1 to 65535, not " + text);
    }

    private static ProcessHandle parentPid(String text) {
        try {
            return ProcessHandle.of(Long.parseLong(text)).orElseThrow(
                    () -> new IllegalArgumentException("traces: no process " + text + " to stop with"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("traces: the parent process id must be a number, not " + text, e);
        }
    }
}
