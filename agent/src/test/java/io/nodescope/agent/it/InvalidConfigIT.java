package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config the agent cannot use: the node still starts and serves, the agent logs one error that
 * says where and what is wrong, and stays off (no listener, none of its libraries loaded).
 */
class InvalidConfigIT {

    private static final String ERROR = "[nodescope] ERROR";

    @TempDir
    Path dir;

    @Test
    void invalidConfigIsOneErrorNamingEveryProblemAndTheNodeRuns() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "# a legacy key, an unknown key and a bad address",          // line 1
                "[telemetry]",                                                 // 2
                "otlp_endpoint = \"http://127.0.0.1:4317\"",                   // 3
                "",                                                            // 4
                "[telemetry.traces]",                                          // 5
                "enabled = true",                                              // 6
                "colour = \"blue\"",                                           // 7
                "",                                                            // 8
                "[telemetry.metrics]",                                         // 9
                "enabled = true",                                              // 10
                "  bind_address = \"metrics.example.com:" + metricsPort + "\"", // 11, indented: column 3
                ""));
        Path classLog = dir.resolve("classes.txt");
        List<String> output;
        try (NodeProcess node = NodeProcess.sampleNode().agent(config).jvmArguments(LoadedClasses.logOption(classLog))
                .arguments("--port", "0", "--workload-seconds", "3", "--workload-rate", "50", "--error-share", "0").start()) {
            int port = node.awaitListening(Patience.START);
            assertEquals(200, Probe.status(port, "/health"));
            assertTrue(NodeOutput.awaitWorkloadOk(node, Patience.DATA) > 0, node.output());
            assertFalse(Probe.accepts(metricsPort), "nothing listens on the metrics port " + metricsPort);
            output = node.outputLines();
        }

        List<String> block = errorBlock(output, config);
        String text = String.join("\n", block);
        assertEquals(4, block.size(), "the error line and one line per problem:\n" + text);
        assertTrue(block.get(0).contains("stays off"), text);
        assertTrue(block.get(1).startsWith(config + ":3:1: telemetry.otlp_endpoint: "), text);
        assertTrue(block.get(1).contains("[telemetry.traces] otlp_endpoint"), "names the new key: " + text);
        assertTrue(block.get(2).startsWith(config + ":7:1: telemetry.traces.colour: "), text);
        assertTrue(block.get(2).contains("unknown key"), text);
        assertTrue(block.get(3).startsWith(config + ":11:3: telemetry.metrics.bind_address: "), text);
        assertTrue(block.get(3).contains("metrics.example.com:" + metricsPort), text);

        LoadedClasses loaded = LoadedClasses.read(classLog);
        assertEquals(List.of(), loaded.containing(LoadedClasses.AGENT_LIBRARIES));
        assertEquals(List.of(), loaded.startingWith("io.nodescope.bootstrap."));
    }

    @Test
    void missingConfigFileIsOneErrorAndTheNodeRuns() throws Exception {
        Path config = dir.resolve("absent/nodescope.toml");
        List<String> output;
        try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0").start()) {
            int port = node.awaitListening(Patience.START);
            assertEquals(200, Probe.status(port, "/health"));
            output = node.outputLines();
        }

        List<String> block = errorBlock(output, config);
        assertEquals(2, block.size(), String.join("\n", block));
        assertTrue(block.get(1).startsWith(config + ": "), block.get(1));
        assertTrue(block.get(1).contains("no such file"), block.get(1));
    }

    /**
     * The agent's error: the only line of the agent's output apart from the lines after it that
     * name the config file, one per problem; fails if there is anything else from the agent.
     */
    private static List<String> errorBlock(List<String> output, Path config) {
        String all = String.join("\n", output);
        List<Integer> errors = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).contains(ERROR)) {
                errors.add(i);
            }
        }
        assertEquals(1, errors.size(), "exactly one error from the agent:\n" + all);
        List<String> block = new ArrayList<>();
        block.add(output.get(errors.get(0)));
        for (int i = errors.get(0) + 1; i < output.size() && output.get(i).startsWith(config.toString()); i++) {
            block.add(output.get(i));
        }
        assertEquals(List.of(block.get(0)), NodeOutput.agentLines(output), "nothing else from the agent:\n" + all);
        return block;
    }
}
