package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sends spans with the real OpenTelemetry SDK exporters and checks what the receiver decoded. */
class OtlpReceiverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SERVICE_NAME = "otlp-receiver-test";

    @ParameterizedTest(name = "{0}, compression={1}")
    @CsvSource({"grpc, none", "grpc, gzip", "http/protobuf, none", "http/protobuf, gzip"})
    void decodesSpansSentByTheSdkExporter(String protocol, String compression) {
        try (OtlpReceiver receiver = start(protocol);
                SdkTracerProvider tracerProvider =
                        tracerProvider(exporter(protocol, compression, receiver))) {
            emitParentChildAndFailingSpans(tracerProvider.get("otlp-receiver-test"));

            List<ReceivedSpan> spans =
                    receiver.awaitSpans(
                            received -> names(received).containsAll(List.of("parent", "child", "failing")),
                            TIMEOUT);

            ReceivedSpan parent = named("parent", spans);
            ReceivedSpan child = named("child", spans);
            ReceivedSpan failing = named("failing", spans);
            assertTrue(parent.isRoot(), parent::toString);
            assertEquals(32, parent.traceId().length());
            assertEquals(parent.traceId(), child.traceId());
            assertEquals(parent.spanId(), child.parentSpanId());
            assertEquals(parent.spanId(), failing.parentSpanId());
            assertEquals("node-7", child.attributes().get("node.id"));
            assertEquals("3", child.attributes().get("retry.count"));
            assertEquals("OK", parent.statusCode());
            assertEquals("UNSET", child.statusCode());
            assertEquals("ERROR", failing.statusCode());
            ReceivedSpan.Event exception = failing.event("exception").orElseThrow();
            assertEquals(
                    IllegalStateException.class.getName(), exception.attributes().get("exception.type"));
            assertEquals("disk full", exception.attributes().get("exception.message"));
            assertEquals(SERVICE_NAME, child.resourceAttributes().get("service.name"));
            assertTrue(receiver.requestCount() >= 1);
        }
    }

    @Test
    void awaitSpansTimeoutListsWhatWasReceived() {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc();
                SdkTracerProvider tracerProvider =
                        tracerProvider(exporter("grpc", "none", receiver))) {
            tracerProvider.get("otlp-receiver-test").spanBuilder("lonely-span").startSpan().end();
            receiver.awaitSpans(received -> !received.isEmpty(), TIMEOUT);

            AssertionError error =
                    assertThrows(
                            AssertionError.class,
                            () -> receiver.awaitSpans(received -> false, Duration.ofMillis(100)));

            assertTrue(error.getMessage().contains("lonely-span"), error::getMessage);
        }
    }

    @Test
    void httpReceiverRejectsOtlpJson() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startHttp()) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/traces"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build();

            HttpResponse<Void> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

            assertEquals(415, response.statusCode());
            assertEquals(0, receiver.requestCount());
        }
    }

    private static OtlpReceiver start(String protocol) {
        return protocol.equals("grpc") ? OtlpReceiver.startGrpc() : OtlpReceiver.startHttp();
    }

    private static SpanExporter exporter(String protocol, String compression, OtlpReceiver receiver) {
        if (protocol.equals("grpc")) {
            return OtlpGrpcSpanExporter.builder()
                    .setEndpoint(receiver.endpoint())
                    .setCompression(compression)
                    .build();
        }
        return OtlpHttpSpanExporter.builder()
                .setEndpoint(receiver.endpoint() + "/v1/traces")
                .setCompression(compression)
                .build();
    }

    private static SdkTracerProvider tracerProvider(SpanExporter exporter) {
        Attributes serviceName = Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME);
        Resource resource = Resource.getDefault().merge(Resource.create(serviceName));
        return SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
    }

    private static void emitParentChildAndFailingSpans(Tracer tracer) {
        Span parent = tracer.spanBuilder("parent").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            tracer
                    .spanBuilder("child")
                    .setAttribute("node.id", "node-7")
                    .setAttribute("retry.count", 3L)
                    .startSpan()
                    .end();
            Span failing = tracer.spanBuilder("failing").startSpan();
            failing.recordException(new IllegalStateException("disk full"));
            failing.setStatus(StatusCode.ERROR, "disk full");
            failing.end();
        } finally {
            parent.setStatus(StatusCode.OK);
            parent.end();
        }
    }

    private static List<String> names(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::name).collect(Collectors.toList());
    }

    private static ReceivedSpan named(String name, List<ReceivedSpan> spans) {
        return spans.stream()
                .filter(span -> span.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No span named " + name + " in " + spans));
    }
}
