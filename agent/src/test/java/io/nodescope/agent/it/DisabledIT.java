package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both signals disabled means the agent is absent: the node runs, the agent says it stays off, and
 * no ByteBuddy, OpenTelemetry or Prometheus class is loaded, not even the config's TOML reader, and
 * no port is opened. The same checks
 * on a node with metrics enabled find both, so they can fail.
 */
class DisabledIT {

    @TempDir
    Path dir;

    @Test
    void disabledAgentLoadsNothingAndOpensNoPort() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).metricsEnabled(false).write(dir);
        Path classLog = dir.resolve("classes-disabled.txt");
        List<String> output;
        try (NodeProcess node = NodeProcess.sampleNode().agent(config).jvmArguments(LoadedClasses.logOption(classLog))
                .arguments("--port", "0", "--workload-seconds", "3", "--workload-rate", "50", "--error-share", "0").start()) {
            int port = node.awaitListening(Patience.START);
            assertEquals(200, Probe.status(port, "/health"));
            long ok = NodeOutput.awaitWorkloadOk(node, Patience.DATA);
            assertTrue(ok > 0, "the workload's commands succeed: " + ok);

            assertFalse(Probe.accepts(metricsPort), "nothing listens on the configured metrics port " + metricsPort);
            output = node.outputLines();
        }

        List<String> agentLines = NodeOutput.agentLines(output);
        assertEquals(1, agentLines.size(), "the agent's only output is its stays-off line: " + agentLines);
        assertTrue(agentLines.get(0).contains("stays off") && agentLines.get(0).contains(config.toString()), agentLines.get(0));
        assertFalse(agentLines.get(0).contains("ERROR") || agentLines.get(0).contains("WARNING"), agentLines.get(0));
        assertTrue(output.stream().noneMatch(line -> line.contains("bootstrap classpath has been appended")),
                "nothing was appended to the bootstrap class path:\n" + String.join("\n", output));

        LoadedClasses loaded = LoadedClasses.read(classLog);
        assertEquals(List.of(), loaded.containing(LoadedClasses.AGENT_LIBRARIES), "classes of the agent's libraries were loaded");
        assertEquals(List.of(), loaded.startingWith("io.nodescope.bootstrap."), "the bootstrap dispatch was loaded");
        assertFalse(loaded.startingWith("io.nodescope.agent.NodescopeAgent").isEmpty(), "the agent itself ran");
        assertEquals(List.of(), loaded.startingWith("io.nodescope.agent.toml."), "a plainly disabled config is read by its lines alone");
    }

    /** The control: the same checks on a node with metrics on find the agent's libraries and its port. */
    @Test
    void enabledAgentIsSeenByTheSameChecks() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        Path classLog = dir.resolve("classes-enabled.txt");
        try (NodeProcess node = NodeProcess.sampleNode().agent(config).jvmArguments(LoadedClasses.logOption(classLog))
                .arguments("--port", "0", "--workload-seconds", "3", "--workload-rate", "50", "--error-share", "0").start()) {
            int port = node.awaitListening(Patience.START);
            assertEquals(200, Probe.status(port, "/health"));
            assertTrue(NodeOutput.awaitWorkloadOk(node, Patience.DATA) > 0);
            assertTrue(Probe.accepts(metricsPort), "the agent listens on the metrics port " + metricsPort);
            assertTrue(NodeOutput.agentLines(node.outputLines()).stream().anyMatch(line -> line.contains(" started with ")),
                    node.output());
        }

        LoadedClasses loaded = LoadedClasses.read(classLog);
        assertFalse(loaded.startingWith("io.nodescope.agent.toml.").isEmpty(), "the config was read in full");
        List<String> found = loaded.containing(LoadedClasses.AGENT_LIBRARIES);
        assertTrue(found.stream().anyMatch(name -> name.startsWith("io.nodescope.shaded.bytebuddy.")), found.toString());
        assertTrue(found.stream().anyMatch(name -> name.startsWith("io.nodescope.shaded.prometheus.")), found.toString());
    }
}
