package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sample node started with the agent and one hostile config per category of
 * HostileConfigFuzzTest: each time the node starts and serves /health, and the agent prints one
 * bounded error block that names the config file (whose directory holds a comma, as the agent
 * argument allows) and no stack trace. A signal is on in each: with both off the agent reads no
 * rules and stays off without a word about them.
 */
class HostileConfigIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theNodeStartsAndServesWhateverTheConfig() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("hostile,configs"));
        StringBuilder unknown = new StringBuilder("[telemetry.traces]\n");
        for (int i = 0; i < 40_000; i++) {
            unknown.append("k").append(i).append(" = 1\n");
        }
        String rule = "[telemetry.metrics]\n[[rule]]\nname = 'r'\nkind = 'sync_stage'\n";
        Object[][] cases = {
            {"syntax: 100k nested arrays", "[telemetry.metrics]\nbuckets = " + "[".repeat(100_000) + "\n", ":2:"},
            {"types", "[telemetry.metrics]\nenabled = 'yes'\n", ":2:1: telemetry.metrics.enabled"},
            {"ranges: nan", "[telemetry.traces]\nsample_ratio = nan\n", ":2:1: telemetry.traces.sample_ratio"},
            {"globs", rule + "class.name = 'org.[example'\n", ":5:1: rule[1].class.name"},
            {"value paths", rule + "class.name = 'a.B'\nvalues.queue_depth = '$method'\n", ":6:1: rule[1].values.queue_depth"},
            {"includes: /dev/zero", "include = '/dev/zero'\n[telemetry.metrics]\n", ":1:1: include"},
            {"sizes: 40k problems", unknown.toString(), ":2:1: telemetry.traces.k0"},
            {"encodings: CR only", "[telemetry.metrics]\renabled = true\r", ":1:20: TOML syntax: a carriage return (CR) alone"},
        };
        for (Object[] c : cases) {
            Path config = configs.resolve("case-" + c[0].toString().replaceAll("\\W+", "-") + ".toml");
            Files.write(config, c[1].toString().getBytes(StandardCharsets.UTF_8));
            List<String> output;
            long started = System.nanoTime();
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0").start()) {
                int port = node.awaitListening(START);
                assertEquals(200, Probe.status(port, "/health"), c[0] + "\n" + node.output());
                output = node.outputLines();
            }
            String all = String.join("\n", output);
            List<String> agent = NodeOutput.agentLines(output);
            assertEquals(1, agent.size(), c[0] + ": one line from the agent\n" + all);
            assertTrue(agent.get(0).contains("[nodescope] ERROR: the config is invalid, the agent stays off"), c[0] + "\n" + all);
            assertTrue(all.contains(config + c[2].toString()), c[0] + ": names " + config + c[2] + "\n" + all);
            assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), c[0] + "\n" + all);
            assertTrue(output.size() < 60, c[0] + ": bounded output, " + output.size() + " lines\n" + all);
            System.out.println(c[0] + ": node served /health, agent off, " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }
}
