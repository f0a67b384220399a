package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Command and task spans reach a real OTLP receiver over the wire, over both protocols. */
class TracesIT {

    @TempDir
    Path dir;

    static Stream<Arguments> protocols() {
        return Stream.of(
                Arguments.of("grpc", (Supplier<OtlpReceiver>) OtlpReceiver::startGrpc),
                Arguments.of("http/protobuf", (Supplier<OtlpReceiver>) OtlpReceiver::startHttp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void commandAndTaskSpansArriveWithAttributesAndLinks(String protocol, Supplier<OtlpReceiver> receivers) {
        try (OtlpReceiver receiver = receivers.get()) {
            Path config = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), protocol).write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                    .arguments("--port", "0", "--workload-seconds", "60", "--workload-rate", "30", "--error-share", "0.3").start()) {
                node.awaitListening(Patience.START);
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> okPublish(all).isPresent() && failedCommand(all).isPresent()
                        && cleanupCommandInTask(all).isPresent() && has(all, "task.sync") && has(all, "task.peer_discovery")
                        && insertStageInSyncTrace(all).isPresent(),
                        Patience.DATA);

                ReceivedSpan publish = okPublish(spans).orElseThrow();
                assertEquals("publish", publish.attributes().get("command"));
                assertEquals("ok", publish.attributes().get("status"));
                assertTrue(publish.attributes().get("operation_id").matches("[0-9a-f-]{36}"), publish.toString());
                assertTrue(publish.attributes().get("blockchain").matches("[a-z]+:\\d+"), publish.toString());
                assertEquals("sample-node", publish.resourceAttributes().get("service.name"));

                ReceivedSpan failed = failedCommand(spans).orElseThrow();
                assertEquals("ERROR", failed.statusCode());
                ReceivedSpan.Event exception = failed.event("exception").orElseThrow(() -> new AssertionError("no exception event: " + failed));
                assertEquals("org.example.node.command.InvalidCommandException", exception.attributes().get("exception.type"));
                assertFalse(exception.attributes().containsKey("exception.message"), "no message by default: " + exception);
                assertTrue(exception.attributes().get("exception.stacktrace").contains("\tat org.example.node."), exception.toString());

                ReceivedSpan command = cleanupCommandInTask(spans).orElseThrow();
                ReceivedSpan task = spans.stream().filter(span -> span.spanId().equals(command.parentSpanId())).findFirst().orElseThrow();
                assertEquals("task.cleanup", task.name());
                assertEquals(task.traceId(), command.traceId());
                assertEquals("cleanup", task.attributes().get("task"));
                assertTrue(task.isRoot(), "a task run starts its own trace");

                // The sync task hands batches to the stages' thread pools; their spans stay in its trace.
                ReceivedSpan insert = insertStageInSyncTrace(spans).orElseThrow();
                assertEquals("insert", insert.attributes().get("stage"));
                assertTrue(insert.attributes().get("blockchain").matches("[a-z]+:\\d+"), insert.toString());
            }
        }
    }

    private static Optional<ReceivedSpan> okPublish(List<ReceivedSpan> spans) {
        return first(spans, span -> span.name().equals("command.publish") && "ok".equals(span.attributes().get("status")));
    }

    private static Optional<ReceivedSpan> failedCommand(List<ReceivedSpan> spans) {
        return first(spans, span -> span.name().startsWith("command.") && "error".equals(span.attributes().get("status")));
    }

    /** A cleanup command span whose parent, a task.cleanup span, has arrived too. */
    private static Optional<ReceivedSpan> cleanupCommandInTask(List<ReceivedSpan> spans) {
        return first(spans, span -> span.name().equals("command.cleanup") && spans.stream()
                .anyMatch(parent -> parent.spanId().equals(span.parentSpanId()) && parent.name().equals("task.cleanup")));
    }

    /** A task.sync.insert span, run on a stage worker, with a task.sync span among its ancestors. */
    private static Optional<ReceivedSpan> insertStageInSyncTrace(List<ReceivedSpan> spans) {
        return first(spans, span -> span.name().equals("task.sync.insert") && hasAncestor(spans, span, "task.sync"));
    }

    private static boolean hasAncestor(List<ReceivedSpan> spans, ReceivedSpan span, String name) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 10 && !current.isRoot(); depth++) {
            String parentId = current.parentSpanId();
            Optional<ReceivedSpan> parent = first(spans, candidate -> candidate.spanId().equals(parentId));
            if (parent.isEmpty()) {
                return false;
            }
            current = parent.get();
            if (current.name().equals(name)) {
                return current.traceId().equals(span.traceId());
            }
        }
        return false;
    }

    private static boolean has(List<ReceivedSpan> spans, String name) {
        return first(spans, span -> span.name().equals(name)).isPresent();
    }

    private static Optional<ReceivedSpan> first(List<ReceivedSpan> spans, Predicate<ReceivedSpan> condition) {
        return spans.stream().filter(condition).findFirst();
    }
}
