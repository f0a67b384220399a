package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.EarlyCalls;
import io.nodescope.fixture.QuickExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent starts beside the node, on its own thread, yet an application whose very first act is
 * to call a selected method has every call counted: its class waits for the rules. The calls made
 * before the OpenTelemetry SDK is up open no span, and each is counted as such: every call is
 * either a received span or a span counted as not opened. A class only a trace-carrying rule
 * selects does not wait; loaded while the agent starts, it is rewritten once the rules are in place.
 * An application that ends right after its calls, before the agent's start has settled and its
 * senders are made, has its queued spans sent on the way out.
 */
class EarlyCallsIT {

    private static final int CALLS = 200;

    @TempDir
    Path dir;

    @Test
    void everyCallFromTheFirstIsCountedAndEverySpanIsSentOrCountedAsNotOpened() throws Exception {
        int metricsPort = FreePort.pick();
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = config(receiver, "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                    "[[rule]]",
                    "name = \"requests\"",
                    "kind = \"command\"",
                    "class.name = \"io.nodescope.fixture.EarlyCalls$Handler\"",
                    "method.name = \"handle\"",
                    "values.command = \"request\"",
                    "[[rule]]",
                    "name = \"relay\"",
                    "kind = \"handoff\"",
                    "class.name = \"io.nodescope.fixture.EarlyCalls$Relay\"",
                    "method.name = \"pass\"",
                    "method.parameters = [\"java.lang.Runnable\"]",
                    "");
            try (NodeProcess app = NodeProcess.java().agent(config).mainClass(TestClassPath.withLibraries(), EarlyCalls.class.getName())
                    .arguments(String.valueOf(CALLS), "60").start()) {
                app.awaitLine(line -> line.equals("early calls done: calls=" + CALLS + " failed=" + CALLS / 10 + " relayed=1"), Patience.DATA);
                MetricsText metrics = Scrape.awaitMetrics(metricsPort,
                        text -> text.has("node_command_total{command=\"request\",status=\"ok\"}"), Patience.DATA);
                assertEquals(CALLS - CALLS / 10, metrics.value("node_command_total{command=\"request\",status=\"ok\"}"), metrics.text());
                assertEquals(CALLS / 10, metrics.value("node_command_total{command=\"request\",status=\"error\"}"));

                double notOpened = metrics.value("nodescope_spans_before_start_total");
                long sent = receiver.awaitSpans(spans -> spans.stream().filter(span -> span.name().equals("command.request")).count()
                        == CALLS - (long) notOpened, Patience.DATA).stream().filter(span -> span.name().equals("command.request")).count();
                assertEquals(CALLS, sent + (long) notOpened, "every call is a span sent or one counted as not opened");

                assertTrue(metrics.value("nodescope_premain_seconds") > 0, metrics.text());
                assertTrue(metrics.value("nodescope_rules_in_place_seconds") >= metrics.value("nodescope_premain_seconds"));
                assertTrue(metrics.value("nodescope_start_wait_seconds") > 0, "the application's main thread waited for the rules");
                assertEquals(1.0, Scrape.awaitMetrics(metricsPort, text -> text.value("nodescope_instrumented_methods{rule=\"relay\"}") == 1.0,
                        Patience.DATA).value("nodescope_instrumented_methods{rule=\"relay\"}"), "the relay, loaded during the start, rewritten after it");
            }
        }
    }

    @Test
    void spansQueuedBeforeTheSendersAreMadeAreSentWhenTheJvmExits() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = config(receiver, "enabled = false",
                    "[[rule]]",
                    "name = \"requests\"",
                    "kind = \"command\"",
                    "class.name = \"io.nodescope.fixture.QuickExit$Handler\"",
                    "method.name = \"handle\"",
                    "values.command = \"quick\"",
                    "");
            try (NodeProcess app = NodeProcess.java().agent(config).mainClass(TestClassPath.withLibraries(), QuickExit.class.getName())
                    .arguments(String.valueOf(CALLS)).start()) {
                assertEquals(0, app.awaitExit(Patience.DATA), app.output());
                assertTrue(app.output().contains("quick exit: calls=" + CALLS), app.output());
                // Every call came once the SDK was up: each span was queued, and sent on the way out.
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> all.stream().filter(span -> span.name().equals("command.quick")).count()
                        == CALLS, Patience.DATA);
                assertEquals(CALLS, spans.stream().filter(span -> span.name().equals("command.quick")).count(), app.output());
            }
        }
    }

    /** The config: spans to {@code receiver}, the line {@code metrics} under {@code [telemetry.metrics]}, then {@code rules}. */
    private Path config(OtlpReceiver receiver, String metrics, String... rules) throws IOException {
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n", "[telemetry.traces]", "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                "[telemetry.metrics]", metrics, String.join("\n", rules)));
        return config;
    }
}
