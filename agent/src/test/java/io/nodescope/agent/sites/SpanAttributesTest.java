package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.instrumentation.site.AttributeHash;
import io.nodescope.instrumentation.site.MetricPoints;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Span attributes as the config's {@code drop_attributes}, {@code hash_attributes} and {@code exception_messages} leave them. */
class SpanAttributesTest {

    private static final String RULE = "[[rule]]\nname = 'commands'\nkind = 'command'\nclass.name = 'example.Commands'\n"
            + "method.name = 'run'\nvalues.command = 'publish'\nvalues.operation_id = '$arg0'\nvalues.peer_id = '$arg1'\n"
            + "values.ual = '$arg2'\n";

    @TempDir
    Path dir;

    @Test
    void everyAttributeIsSentAsReadWithoutAPolicy() throws Exception {
        SpanData span = oneCall("[telemetry.traces]\n");
        assertEquals("op-1", attribute(span, "operation_id"));
        assertEquals("QmPeer", attribute(span, "peer_id"));
        assertEquals("did:dkg:otp/0x1/7", attribute(span, "ual"));
        assertEquals("publish", attribute(span, "command"));
    }

    @Test
    void droppedAttributesAreNotSentAndHashedOnesAreSentAsTheirHash() throws Exception {
        SpanData span = oneCall("[telemetry.traces]\ndrop_attributes = ['peer_id']\nhash_attributes = ['ual']\n");
        assertNull(attribute(span, "peer_id"));
        // the first 16 hex digits of SHA-256("did:dkg:otp/0x1/7")
        assertEquals(AttributeHash.of("did:dkg:otp/0x1/7"), attribute(span, "ual"));
        assertEquals(16, attribute(span, "ual").length());
        assertEquals("op-1", attribute(span, "operation_id"));
        assertEquals("publish", attribute(span, "command"));
        assertEquals("ok", attribute(span, "status"));
    }

    @Test
    void theSpanKindFollowsTheKindUnlessTheRuleSetsIt() throws Exception {
        assertEquals(SpanKind.INTERNAL, oneCall("[telemetry.traces]\n").getKind());
        assertEquals(SpanKind.PRODUCER, oneCallWith("[telemetry.traces]\n" + RULE + "span_kind = 'producer'\n", null).getKind());
    }

    @Test
    void theHashIsStableAndTellsValuesApart() {
        assertEquals(AttributeHash.of("did:dkg:otp/0x1/7"), AttributeHash.of("did:dkg:otp/0x1/7"));
        assertEquals("2cf24dba5fb0a30e", AttributeHash.of("hello"), "SHA-256 of 'hello' begins 2cf24dba5fb0a30e");
        assertEquals(false, AttributeHash.of("did:dkg:otp/0x1/7").equals(AttributeHash.of("did:dkg:otp/0x1/8")));
    }

    @Test
    void aThrownExceptionIsSentWithItsTypeAndStackButNotItsMessageByDefault() throws Exception {
        EventData event = exceptionEvent(oneFailedCall("[telemetry.traces]\n"));
        assertEquals(IllegalStateException.class.getName(), event.getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertNull(event.getAttributes().get(AttributeKey.stringKey("exception.message")));
        String stack = event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"));
        assertTrue(stack.startsWith(IllegalStateException.class.getName() + "\n\tat "), stack);
        assertTrue(stack.contains("Caused by: " + IllegalArgumentException.class.getName() + "\n"), stack);
        assertFalse(stack.contains("SELECT"), "no message anywhere in the chain: " + stack);
    }

    @Test
    void exceptionMessagesAreSentWhenAskedForAndCanBeHashed() throws Exception {
        EventData plain = exceptionEvent(oneFailedCall("[telemetry.traces]\nexception_messages = true\n"));
        assertEquals("cannot run SELECT * WHERE { ?s ?p ?o }", plain.getAttributes().get(AttributeKey.stringKey("exception.message")));
        assertTrue(plain.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")).contains("SELECT"));
        EventData hashed = exceptionEvent(oneFailedCall(
                "[telemetry.traces]\nexception_messages = true\nhash_attributes = ['exception.message']\ndrop_attributes = ['exception.stacktrace']\n"));
        assertEquals(AttributeHash.of("cannot run SELECT * WHERE { ?s ?p ?o }"),
                hashed.getAttributes().get(AttributeKey.stringKey("exception.message")));
        assertNull(hashed.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")));
        assertEquals(IllegalStateException.class.getName(), hashed.getAttributes().get(AttributeKey.stringKey("exception.type")));
    }

    private static EventData exceptionEvent(SpanData span) {
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        List<EventData> events = span.getEvents().stream().filter(event -> event.getName().equals("exception")).collect(Collectors.toList());
        assertEquals(1, events.size(), span.getEvents().toString());
        return events.get(0);
    }

    private SpanData oneFailedCall(String traces) throws Exception {
        return oneCall(traces, new IllegalStateException("cannot run SELECT * WHERE { ?s ?p ?o }",
                new IllegalArgumentException("bad input SELECT")));
    }

    private SpanData oneCall(String traces) throws Exception {
        return oneCall(traces, null);
    }

    private SpanData oneCall(String traces, Throwable thrown) throws Exception {
        return oneCallWith(traces + RULE, thrown);
    }

    private SpanData oneCallWith(String toml, Throwable thrown) throws Exception {
        AgentConfig config = TestConfigs.load(dir, toml);
        List<SpanData> exported = new ArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(exported))).build()) {
            TracerSlot slot = new TracerSlot(config.spanAttributes(), MetricPoints.Counter.NONE);
            slot.fill(provider.get("test"));
            SiteTable table = new SiteTable(MetricPoints.NONE, slot, new CounterPoint(), config.spanAttributes());
            int site = table.register(table.bind(new MethodShape("example.Commands", "run"), config.rules()));
            Object[] arguments = {"op-1", "QmPeer", "did:dkg:otp/0x1/7"};
            Object state = table.enter(site, null, arguments);
            table.exit(site, System.nanoTime(), state, null, arguments, null, thrown);
        }
        assertEquals(1, exported.size(), exported.toString());
        return exported.get(0);
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }
}
