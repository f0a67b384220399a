package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OTLP backend is down, either refusing connections or accepting them and never answering:
 * the node with the agent runs its workload about as fast as the same node without the agent,
 * started beside it, the agent counts the failed exports and warns about them a few times at
 * most, and the spans it holds stay within the bounded queue, so the heap stays small.
 */
class BackendDownIT {

    private static final String SDK_SPAN = "io.nodescope.shaded.opentelemetry.sdk.trace.SdkSpan";
    /** Ended spans waiting for or in an export (the agent's budget), and spans not yet ended. */
    private static final long MAX_LIVE_SPANS = 2048 + 128;
    private static final long MAX_HEAP_BYTES = 128L << 20;
    private static final long MAX_EXTRA_HEAP_BYTES = 48L << 20;
    private static final int WORKLOAD_SECONDS = 20;
    /** More than this machine may answer: both nodes then run flat out, and their paces compare what each costs. */
    private static final int WORKLOAD_RATE = 300;
    /** A deadline for states the test waits for; a slow or busy machine takes longer than the workload's 20 s. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    /** The two ways a backend can be down. */
    private static final String REFUSING = "refusing connections";
    private static final String SILENT = "accepting and never answering";

    @TempDir
    Path dir;

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("grpc", REFUSING),
                Arguments.of("http/protobuf", REFUSING),
                Arguments.of("grpc", SILENT),
                Arguments.of("http/protobuf", SILENT));
    }

    @ParameterizedTest(name = "{0}, backend {1}")
    @MethodSource("backends")
    void nodeKeepsItsPaceAndMemoryWhenTheBackendIsDown(String protocol, String backend) throws Exception {
        try (DownBackend down = DownBackend.start(backend)) {
            int metricsPort = FreePort.pick();
            Path config = SampleConfig.shipped().metricsPort(metricsPort)
                    .traces("http://127.0.0.1:" + down.port(), protocol).write(dir);
            String[] workload = {"--port", "0", "--workload-seconds", String.valueOf(WORKLOAD_SECONDS),
                "--workload-rate", String.valueOf(WORKLOAD_RATE), "--error-share", "0"};
            long started = System.nanoTime();
            try (NodeProcess withoutAgent = NodeProcess.sampleNode().arguments(workload).start();
                    NodeProcess node = NodeProcess.sampleNode().agent(config).arguments(workload).start()) {
                int port = node.awaitListening(PATIENCE);
                withoutAgent.awaitListening(PATIENCE);
                assertEquals(200, Probe.status(port, "/health"));

                // Under load, once stalled exports have filled the queue: the first span dropped says so.
                Scrape.awaitMetrics(metricsPort, m -> dropped(m) > 0 || node.output().contains("workload finished"), PATIENCE);
                long busySpans = JvmTools.liveObjects(node.pid()).instances(SDK_SPAN);
                assertTrue(busySpans <= MAX_LIVE_SPANS, "spans held under load: " + busySpans);

                NodeOutput.Workload done = NodeOutput.awaitWorkload(node, PATIENCE);
                NodeOutput.Workload doneWithoutAgent = NodeOutput.awaitWorkload(withoutAgent, PATIENCE);
                assertTrue(doneWithoutAgent.ok() > 0, withoutAgent.output());
                assertTrue(done.okPerSecond() >= doneWithoutAgent.okPerSecond() / 2,
                        "pace with the agent: " + done + ", without: " + doneWithoutAgent);

                MetricsText metrics = Scrape.awaitMetrics(metricsPort,
                        m -> m.has("nodescope_span_export_failures_total") && m.value("nodescope_span_export_failures_total") > 0,
                        PATIENCE);
                assertTrue(metrics.value("nodescope_spans_dropped_total") > 0, "spans past the queue are counted as dropped");
                JvmTools.Histogram heap = JvmTools.liveObjects(node.pid());
                JvmTools.Histogram heapWithoutAgent = JvmTools.liveObjects(withoutAgent.pid());
                assertTrue(heap.instances(SDK_SPAN) <= MAX_LIVE_SPANS, "spans held after the workload: " + heap.instances(SDK_SPAN));
                assertTrue(heap.totalBytes() < MAX_HEAP_BYTES, "live heap with the agent: " + heap);
                assertTrue(heap.totalBytes() - heapWithoutAgent.totalBytes() < MAX_EXTRA_HEAP_BYTES,
                        "live heap with the agent: " + heap + ", without: " + heapWithoutAgent);

                List<String> warnings = node.outputLines().stream()
                        .filter(line -> line.contains("[nodescope] WARNING")).collect(Collectors.toList());
                long exportWarnings = warnings.stream().filter(line -> line.contains("export")).count();
                // Once a minute at most: the first, then one per minute the node has run so far.
                long minutesRun = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started);
                assertTrue(exportWarnings >= 1 && exportWarnings <= 2 + minutesRun,
                        "export warnings, rate-limited, in " + minutesRun + " min:\n" + String.join("\n", warnings));
                assertEquals(exportWarnings, warnings.size(), "no other warnings:\n" + String.join("\n", warnings));

                System.out.printf("%s, backend %s: %s (without agent %s); spans held under load %d, after %d;"
                        + " live heap %s (without agent %s); export failures %.0f, spans dropped %.0f, export warnings %d%n",
                        protocol, backend, done, doneWithoutAgent, busySpans, heap.instances(SDK_SPAN), heap, heapWithoutAgent,
                        metrics.value("nodescope_span_export_failures_total"), metrics.value("nodescope_spans_dropped_total"),
                        exportWarnings);
            }
        }
    }

    private static double dropped(MetricsText metrics) {
        return metrics.has("nodescope_spans_dropped_total") ? metrics.value("nodescope_spans_dropped_total") : 0;
    }

    /** A loopback port where the OTLP backend should be. */
    private static final class DownBackend implements AutoCloseable {
        private final int port;
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();

        private DownBackend(int port, ServerSocket server) {
            this.port = port;
            this.server = server;
        }

        static DownBackend start(String kind) {
            if (kind.equals(REFUSING)) {
                return new DownBackend(FreePort.pick(), null);
            }
            try {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                DownBackend backend = new DownBackend(server.getLocalPort(), server);
                Thread acceptor = new Thread(backend::holdConnections, "silent-backend");
                acceptor.setDaemon(true);
                acceptor.start();
                return backend;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Accepts every connection and keeps it open without reading or writing a byte. */
        private void holdConnections() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    synchronized (held) {
                        held.add(socket);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        int port() {
            return port;
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
                synchronized (held) {
                    for (Socket socket : held) {
                        socket.close();
                    }
                }
            }
        }
    }
}
