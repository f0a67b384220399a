package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spans reach a receiver over TLS by either protocol, the node trusting the receiver's certificate
 * through the JVM's trust store; the JDK's HTTP client carries http/protobuf, and OkHttp, Okio and
 * the Kotlin library are loaded for gRPC only.
 */
class OtlpSendersIT {

    private static final List<String> GRPC_LIBRARIES =
            List.of("io.nodescope.shaded.okhttp3.", "io.nodescope.shaded.okio.", "io.nodescope.shaded.kotlin.");
    private static final String JDK_SENDER = "io.nodescope.shaded.opentelemetry.exporter.sender.jdk.";

    @TempDir
    Path dir;

    static Stream<Arguments> protocols() {
        return Stream.of(
                Arguments.of("grpc", (Function<TestCertificates, OtlpReceiver>) OtlpReceiver::startGrpc),
                Arguments.of("http/protobuf", (Function<TestCertificates, OtlpReceiver>) OtlpReceiver::startHttp));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void spansArriveOverTlsAndOnlyGrpcLoadsOkHttp(String protocol, Function<TestCertificates, OtlpReceiver> receivers) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "RSA");
        Path classLog = dir.resolve("classes.txt");
        try (OtlpReceiver receiver = receivers.apply(certificates)) {
            assertTrue(receiver.endpoint().startsWith("https://"), receiver.endpoint());
            Path config = SampleConfig.shipped().metricsEnabled(false).traces(receiver.endpoint(), protocol).write(dir);
            List<String> options = new ArrayList<>(certificates.trustStoreOptions(dir));
            options.add(LoadedClasses.logOption(classLog));
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).jvmArguments(options.toArray(String[]::new))
                    .arguments("--port", "0", "--workload-seconds", "60", "--workload-rate", "30", "--error-share", "0").start()) {
                node.awaitListening(Patience.START);
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> all.stream().anyMatch(span -> span.name().startsWith("command.")),
                        Patience.DATA);
                assertEquals("sample-node", spans.get(0).resourceAttributes().get("service.name"), spans.get(0).toString());
                assertFalse(node.output().contains("[nodescope] ERROR"), node.output());
            }
        }

        LoadedClasses loaded = LoadedClasses.read(classLog);
        List<String> grpcLibraries = GRPC_LIBRARIES.stream().flatMap(prefix -> loaded.startingWith(prefix).stream()).collect(Collectors.toList());
        if (protocol.equals("grpc")) {
            assertFalse(grpcLibraries.isEmpty(), "gRPC is carried by OkHttp");
        } else {
            assertEquals(List.of(), grpcLibraries, "http/protobuf loads nothing of the gRPC sender's libraries");
            assertFalse(loaded.startingWith(JDK_SENDER).isEmpty(), "http/protobuf is carried by the JDK's HTTP client");
        }
    }
}
