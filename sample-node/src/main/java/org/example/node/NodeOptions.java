package org.example.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The node's command-line options.
 *
 * @param port             0 picks a free port
 * @param workloadSeconds  0 means no workload
 * @param runSeconds       0 means run until killed
 * @param errorShare       share of workload commands sent with bad input, from 0 to 1
 * @param dataDir          where the embedded database lives; null means a fresh temporary directory, deleted at exit
 * @param dbUrl            JDBC URL of the operations database; null means embedded H2 in {@code dataDir}
 * @param peers            other nodes to sync from; none means a simulated network
 * @param peerId           this node's id in the network; null means a generated one
 * @param fault            a failure to act out; null means none
 * @param networkFailureShare share of calls to the simulated network (no {@code --peer}) that fail, from 0 to 1
 * @param logFormat        how log records are written
 */
record NodeOptions(int port, int workloadSeconds, int workloadRate, int runSeconds, double errorShare,
                   Path dataDir, String dbUrl, List<URI> peers, String peerId, Fault fault, double networkFailureShare,
                   LogFormat logFormat) {
    static final String USAGE = "usage: java -jar sample-node.jar [--port N] [--workload-seconds N]"
            + " [--workload-rate N] [--run-seconds N] [--error-share F] [--data-dir DIR] [--db-url JDBC_URL]"
            + " [--peer URL[,URL...]]... [--peer-id ID] [--fault sync-stall] [--network-failure-share F]"
            + " [--log-format plain|json]";
    static final NodeOptions DEFAULTS = new NodeOptions(8900, 0, 20, 0, 0.15, null, null, List.of(), null, null, 0.1,
            LogFormat.PLAIN);
    private static final int MAX_SECONDS = 7 * 24 * 3600;
    private static final int MAX_RATE = 1000;

    NodeOptions {
        peers = List.copyOf(peers);
    }

    static NodeOptions parse(String... args) throws OptionException {
        int port = DEFAULTS.port;
        int workloadSeconds = DEFAULTS.workloadSeconds;
        int workloadRate = DEFAULTS.workloadRate;
        int runSeconds = DEFAULTS.runSeconds;
        double errorShare = DEFAULTS.errorShare;
        Path dataDir = DEFAULTS.dataDir;
        String dbUrl = DEFAULTS.dbUrl;
        List<URI> peers = new ArrayList<>();
        String peerId = DEFAULTS.peerId;
        Fault fault = DEFAULTS.fault;
        double networkFailureShare = DEFAULTS.networkFailureShare;
        LogFormat logFormat = DEFAULTS.logFormat;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (option) {
                case "--port" -> port = intValue(option, value, 0, 65535);
                case "--workload-seconds" -> workloadSeconds = intValue(option, value, 0, MAX_SECONDS);
                case "--workload-rate" -> workloadRate = intValue(option, value, 1, MAX_RATE);
                case "--run-seconds" -> runSeconds = intValue(option, value, 0, MAX_SECONDS);
                case "--error-share" -> errorShare = shareValue(option, value);
                case "--data-dir" -> dataDir = pathValue(option, value);
                case "--db-url" -> dbUrl = jdbcUrlValue(option, value);
                case "--peer" -> peers.addAll(peerValues(option, value));
                case "--peer-id" -> peerId = peerIdValue(option, value);
                case "--fault" -> fault = faultValue(option, value);
                case "--network-failure-share" -> networkFailureShare = shareValue(option, value);
                case "--log-format" -> logFormat = logFormatValue(option, value);
                default -> throw new OptionException("unknown option " + option);
            }
        }
        return new NodeOptions(port, workloadSeconds, workloadRate, runSeconds, errorShare, dataDir, dbUrl, peers,
                peerId, fault, networkFailureShare, logFormat);
    }

    private static int intValue(String option, String value, int min, int max) throws OptionException {
        try {
            int number = Integer.parseInt(present(option, value));
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new OptionException(option + " needs a whole number from " + min + " to " + max + ", got " + value);
    }

    private static double shareValue(String option, String value) throws OptionException {
        try {
            double share = Double.parseDouble(present(option, value));
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new OptionException(option + " needs a number from 0 to 1, got " + value);
    }

    private static Path pathValue(String option, String value) throws OptionException {
        try {
            return Path.of(present(option, value));
        } catch (InvalidPathException e) {
            throw new OptionException(option + " needs a directory path, got " + value);
        }
    }

    private static String jdbcUrlValue(String option, String value) throws OptionException {
        if (!present(option, value).startsWith("jdbc:")) {
            throw new OptionException(option + " needs a JDBC URL like jdbc:h2:mem:node, got " + value);
        }
        return value;
    }

    /** One URL, or several separated by commas, each like {@code http://127.0.0.1:8901}. */
    private static List<URI> peerValues(String option, String value) throws OptionException {
        List<URI> peers = new ArrayList<>();
        for (String text : present(option, value).split(",")) {
            try {
                URI uri = new URI(text.strip());
                if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                        && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
                    peers.add(uri);
                    continue;
                }
            } catch (URISyntaxException e) {
                // reported below together with the other malformed cases
            }
            throw new OptionException(option + " needs URLs like http://127.0.0.1:8901, got " + text);
        }
        return peers;
    }

    private static String peerIdValue(String option, String value) throws OptionException {
        if (!present(option, value).matches("[A-Za-z0-9_-]{1,64}")) {
            throw new OptionException(option + " needs 1 to 64 letters, digits, '-' or '_', got " + value);
        }
        return value;
    }

    private static Fault faultValue(String option, String value) throws OptionException {
        return Fault.named(present(option, value)).orElseThrow(() -> new OptionException(option + " needs one of "
                + Arrays.stream(Fault.values()).map(Fault::optionValue).toList() + ", got " + value));
    }

    private static LogFormat logFormatValue(String option, String value) throws OptionException {
        return LogFormat.named(present(option, value)).orElseThrow(() -> new OptionException(option + " needs one of "
                + Arrays.stream(LogFormat.values()).map(LogFormat::optionValue).toList() + ", got " + value));
    }

    private static String present(String option, String value) throws OptionException {
        if (value == null) {
            throw new OptionException(option + " needs a value");
        }
        return value;
    }
}
