package io.nodescope.agent.it;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the sample node and the agent print, read from a {@link NodeProcess}'s output. */
final class NodeOutput {

    private static final Pattern WORKLOAD_FINISHED =
            Pattern.compile("workload finished: sent=(\\d+) ok=(\\d+) failed=(\\d+) seconds=([0-9.]+)");

    private NodeOutput() {
    }

    /** The sample node's workload summary: commands that succeeded and how long sending them all took. */
    record Workload(long ok, double seconds) {
        /** Commands answered successfully per second of workload: the node's pace, whatever rate was asked for. */
        double okPerSecond() {
            return ok / seconds;
        }
    }

    /** Waits for the workload's summary. */
    static Workload awaitWorkload(NodeProcess node, Duration timeout) {
        Matcher matcher = WORKLOAD_FINISHED.matcher(node.awaitLine(line -> WORKLOAD_FINISHED.matcher(line).find(), timeout));
        matcher.find();
        return new Workload(Long.parseLong(matcher.group(2)), Double.parseDouble(matcher.group(4)));
    }

    /** Waits for the workload's summary and returns how many of its commands succeeded. */
    static long awaitWorkloadOk(NodeProcess node, Duration timeout) {
        return awaitWorkload(node, timeout).ok();
    }

    /** The agent's own lines. */
    static List<String> agentLines(List<String> output) {
        return output.stream().filter(line -> line.contains("[nodescope]")).collect(Collectors.toList());
    }
}
