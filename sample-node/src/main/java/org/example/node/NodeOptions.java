package org.example.node;

/**
 * The node's command-line options.
 *
 * @param port             0 picks a free port
 * @param workloadSeconds  0 means no workload
 * @param runSeconds       0 means run until killed
 * @param errorShare       share of workload commands sent with bad input, from 0 to 1
 */
record NodeOptions(int port, int workloadSeconds, int workloadRate, int runSeconds, double errorShare) {
    static final String USAGE = "usage: java -jar sample-node.jar [--port N] [--workload-seconds N]"
            + " [--workload-rate N] [--run-seconds N] [--error-share F]";
    static final NodeOptions DEFAULTS = new NodeOptions(8900, 0, 20, 0, 0.15);
    private static final int MAX_SECONDS = 7 * 24 * 3600;
    private static final int MAX_RATE = 1000;

    static NodeOptions parse(String... args) throws OptionException {
        int port = DEFAULTS.port;
        int workloadSeconds = DEFAULTS.workloadSeconds;
        int workloadRate = DEFAULTS.workloadRate;
        int runSeconds = DEFAULTS.runSeconds;
        double errorShare = DEFAULTS.errorShare;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (option) {
                case "--port" -> port = intValue(option, value, 0, 65535);
                case "--workload-seconds" -> workloadSeconds = intValue(option, value, 0, MAX_SECONDS);
                case "--workload-rate" -> workloadRate = intValue(option, value, 1, MAX_RATE);
                case "--run-seconds" -> runSeconds = intValue(option, value, 0, MAX_SECONDS);
                case "--error-share" -> errorShare = shareValue(option, value);
                default -> throw new OptionException("unknown option " + option);
            }
        }
        return new NodeOptions(port, workloadSeconds, workloadRate, runSeconds, errorShare);
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

    private static String present(String option, String value) throws OptionException {
        if (value == null) {
            throw new OptionException(option + " needs a value");
        }
        return value;
    }
}
