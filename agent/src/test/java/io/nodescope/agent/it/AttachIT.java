package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import io.nodescope.agent.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code attach PID --config FILE} on the sample node started without the agent, under its workload,
 * on every JDK the tests know: the catalog on /metrics and spans follow, the workload sees no
 * failure, and a second attach, through the command or straight through the attach API, changes
 * nothing. A JVM that disabled attaching is refused.
 */
class AttachIT {

    private static final Pattern WORKLOAD = Pattern.compile("workload finished: sent=(\\d+) ok=(\\d+) failed=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.nodescope.agent.it.TestPaths#javaHomes")
    void attachesOnceToARunningNodeWhoseWorkGoesOn(Path javaHome) throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            int metricsPort = FreePort.pick();
            Path config = SampleConfig.shipped().metricsPort(metricsPort).traces(receiver.endpoint(), "grpc").write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().javaHome(javaHome)
                    .arguments("--port", "0", "--workload-seconds", "600", "--workload-rate", "20", "--error-share", "0").start()) {
                int port = node.awaitListening(Patience.START);
                String pid = Long.toString(node.pid());
                node.awaitLine(line -> line.contains("PublishCommand: published"), Patience.DATA);

                AgentCommandLine attach = AgentCommandLine.run(dir, "attach", pid, "--config", config.toString());
                assertEquals(0, attach.exitCode, attach.toString());
                assertTrue(attach.out.startsWith("attached to PID " + pid + " with " + config + "\n"
                        + "methods instrumented in the classes loaded so far, by rule:\n"), attach.toString());
                // the five command classes, the three tasks: all loaded and running before the attach
                assertTrue(Pattern.compile("(?m)^  node-commands +5$").matcher(attach.out).find(), attach.toString());
                assertTrue(Pattern.compile("(?m)^  node-tasks +3$").matcher(attach.out).find(), attach.toString());
                assertTrue(attach.out.contains("\n      org.example.node.command.PublishCommand.execute\n"), "and names the methods: " + attach);

                MetricsText first = Scrape.awaitMetrics(metricsPort, m -> sum(m, "node_command_duration_seconds_count") > 0
                        && sum(m, "node_task_runs_total") > 0, Patience.DATA);
                double commandsSoFar = sum(first, "node_command_duration_seconds_count");
                MetricsText later = Scrape.awaitMetrics(metricsPort, m -> sum(m, "node_command_duration_seconds_count") > commandsSoFar,
                        Patience.DATA);
                assertEquals(5.0, later.value("nodescope_instrumented_methods{rule=\"node-commands\"}"));
                receiver.awaitSpans(spans -> spans.stream().anyMatch(span -> span.name().equals("command.publish"))
                        && spans.stream().anyMatch(span -> span.name().startsWith("task.")), Patience.DATA);

                Map<String, Double> instrumented = later.samples("nodescope_instrumented_methods");
                AgentCommandLine again = AgentCommandLine.run(dir, "attach", pid, "--config", config.toString());
                assertEquals(4, again.exitCode, again.toString());
                assertEquals("nodescope: the agent already runs (attached earlier) in PID " + pid + "; nothing was changed\n", again.err);
                // Two commands that both found the node without the agent: the second load reaches the agent, which refuses it.
                VirtualMachine machine = VirtualMachine.attach(pid);
                try {
                    machine.loadAgent(TestPaths.agentJar().toString(), "config=" + config);
                } finally {
                    machine.detach();
                }
                node.awaitLine(line -> line.contains("[nodescope] WARNING: the agent was already started in this JVM"), Patience.START);

                List<String> operations = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    operations.add(publish(port, i));
                }
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> operations.stream().allMatch(id -> !commandSpans(all, id).isEmpty()),
                        Patience.DATA);
                for (String operation : operations) {
                    assertEquals(1, commandSpans(spans, operation).size(), "one span per command: " + commandSpans(spans, operation));
                }
                MetricsText now = Scrape.awaitMetrics(metricsPort, m -> true, Patience.DATA);
                assertEquals(ofTheNodesClasses(instrumented), ofTheNodesClasses(now.samples("nodescope_instrumented_methods")));
                List<String> agentLines = NodeOutput.agentLines(node.outputLines());
                assertEquals(1, agentLines.stream().filter(line -> line.contains(" started with ")).count(), String.join("\n", agentLines));
                assertTrue(agentLines.stream().noneMatch(line -> line.contains("ERROR")), String.join("\n", agentLines));
                if (!javaHome.equals(Path.of(System.getProperty("java.home")))) {
                    // Java 21 and later (JEP 451) warn unless the node runs with -XX:+EnableDynamicAgentLoading.
                    assertTrue(node.output().contains("WARNING: A Java agent has been loaded dynamically"), node.output());
                }

                // SIGTERM, the streams left open (Process.destroy closes them): the node prints its workload's summary as it stops.
                ProcessHandle.of(node.pid()).orElseThrow().destroy();
                Matcher workload = WORKLOAD.matcher(node.awaitLine(line -> WORKLOAD.matcher(line).find(), Patience.START));
                workload.find();
                assertEquals("0", workload.group(3), "no command of the workload failed: " + workload.group());
                assertEquals(workload.group(1), workload.group(2), workload.group());
            }
        }
    }

    @Test
    void aJvmThatDisabledAttachingIsRefused() throws Exception {
        Path config = SampleConfig.shipped().metricsPort(FreePort.pick()).tracesEnabled(false).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().jvmArguments("-XX:+DisableAttachMechanism").arguments("--port", "0").start()) {
            node.awaitListening(Patience.START);
            AgentCommandLine attach = AgentCommandLine.run(dir, "attach", Long.toString(node.pid()), "--config", config.toString());
            assertEquals(3, attach.exitCode, attach.toString());
            assertEquals("nodescope: cannot attach to PID " + node.pid() + ": The VM does not support the attach mechanism\n"
                    + "  the node must be a JVM (Java 11 or later) run by the same user as this command, started without"
                    + " -XX:+DisableAttachMechanism\n", attach.err);
            assertTrue(node.isAlive());
        }
    }

    /** A runtime of the Java SE modules alone, as a JRE may be, made with the JDK's jlink. */
    @Test
    void aJavaRuntimeWithoutTheAttachApiSaysSo() throws Exception {
        Path runtime = dir.resolve("jre");
        Process jlink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules", "java.se", "--output", runtime.toString()).inheritIO().start();
        assertEquals(0, jlink.waitFor(), "jlink made a runtime");
        Path config = SampleConfig.shipped().metricsPort(FreePort.pick()).tracesEnabled(false).write(dir);
        AgentCommandLine attach = AgentCommandLine.runOn(runtime, dir, "attach", Long.toString(ProcessHandle.current().pid()),
                "--config", config.toString());
        assertEquals(3, attach.exitCode, attach.toString());
        assertEquals("nodescope: this Java runtime (" + runtime + ") has no attach API (module jdk.attach); run the command"
                + " with a JDK's java\n", attach.err);
    }

    /** Publishes one assertion through the node's API and returns the command's operation id. */
    private static String publish(int port, int item) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "publish", "blockchain", "otp:2043", "payload",
                Map.of("assertions", "<urn:attach-test:" + item + "> <https://schema.org/name> \"Attached " + item + "\" .")));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/commands"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("operation_id").asText();
    }

    private static List<ReceivedSpan> commandSpans(List<ReceivedSpan> spans, String operation) {
        return spans.stream()
                .filter(span -> span.name().equals("command.publish") && operation.equals(span.attributes().get("operation_id")))
                .collect(Collectors.toList());
    }

    /** Without the executors pack's rule, which grows as the node loads more of the JDK's pools and tasks. */
    private static Map<String, Double> ofTheNodesClasses(Map<String, Double> instrumented) {
        return instrumented.entrySet().stream().filter(rule -> !rule.getKey().contains("\"executor-handoff\""))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static double sum(MetricsText metrics, String metric) {
        return metrics.samples(metric).values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
