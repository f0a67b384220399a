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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final int WORKLOAD_RATE = 300;
    /** Commands after which the queue is full if exports stall: 15 s of the 20 s workload. */
    private static final int BUSY_COMMANDS = 15 * WORKLOAD_RATE;

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
            try (NodeProcess withoutAgent = NodeProcess.sampleNode().arguments(workload).start();
                    NodeProcess node = NodeProcess.sampleNode().agent(config).arguments(workload).start()) {
                int port = node.awaitListening(Duration.ofSeconds(30));
                withoutAgent.awaitListening(Duration.ofSeconds(30));
                assertEquals(200, Probe.status(port, "/health"));

                // Late in the workload, when stalled exports have long filled the queue.
                Scrape.awaitMetrics(metricsPort, m -> commands(m) >= BUSY_COMMANDS || node.output().contains("workload finished"),
                        Duration.ofSeconds(WORKLOAD_SECONDS + 20));
                long busySpans = JvmTools.liveObjects(node.pid()).instances(SDK_SPAN);
                assertTrue(busySpans <= MAX_LIVE_SPANS, "spans held under load: " + busySpans);

                long ok = NodeOutput.awaitWorkloadOk(node, Duration.ofSeconds(WORKLOAD_SECONDS + 20));
                long okWithoutAgent = NodeOutput.awaitWorkloadOk(withoutAgent, Duration.ofSeconds(WORKLOAD_SECONDS + 20));
                assertTrue(okWithoutAgent > 0, withoutAgent.output());
                assertTrue(ok >= okWithoutAgent / 2, "commands done with the agent: " + ok + ", without: " + okWithoutAgent);

                MetricsText metrics = Scrape.awaitMetrics(metricsPort,
                        m -> m.has("nodescope_span_export_failures_total") && m.value("nodescope_span_export_failures_total") > 0,
                        Duration.ofSeconds(30));
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
                assertTrue(exportWarnings >= 1 && exportWarnings <= 3, "export warnings, rate-limited:\n" + String.join("\n", warnings));
                assertEquals(exportWarnings, warnings.size(), "no other warnings:\n" + String.join("\n", warnings));

                System.out.printf("%s, backend %s: ok %d (without agent %d); spans held under load %d, after %d;"
                        + " live heap %s (without agent %s); export failures %.0f, spans dropped %.0f, export warnings %d%n",
                        protocol, backend, ok, okWithoutAgent, busySpans, heap.instances(SDK_SPAN), heap, heapWithoutAgent,
                        metrics.value("nodescope_span_export_failures_total"), metrics.value("nodescope_spans_dropped_total"),
                        exportWarnings);
            }
        }
    }

    private static double commands(MetricsText metrics) {
        double sum = 0;
        for (Map.Entry<String, Double> sample : samples(metrics).entrySet()) {
            if (sample.getKey().startsWith("node_command_total{")) {
                sum += sample.getValue();
            }
        }
        return sum;
    }

    private static Map<String, Double> samples(MetricsText metrics) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : metrics.text().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
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
