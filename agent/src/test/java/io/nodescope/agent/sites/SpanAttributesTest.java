package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Span attributes as the config's {@code drop_attributes} and {@code hash_attributes} leave them. */
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
    void theHashIsStableAndTellsValuesApart() {
        assertEquals(AttributeHash.of("did:dkg:otp/0x1/7"), AttributeHash.of("did:dkg:otp/0x1/7"));
        assertEquals("2cf24dba5fb0a30e", AttributeHash.of("hello"), "SHA-256 of 'hello' begins 2cf24dba5fb0a30e");
        assertEquals(false, AttributeHash.of("did:dkg:otp/0x1/7").equals(AttributeHash.of("did:dkg:otp/0x1/8")));
    }

    private SpanData oneCall(String traces) throws Exception {
        AgentConfig config = TestConfigs.load(dir, traces + RULE);
        List<SpanData> exported = new ArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new Collecting(exported))).build()) {
            TracerSlot slot = new TracerSlot();
            slot.fill(provider.get("test"));
            SiteTable table = new SiteTable(null, slot, new CounterPoint(), config.spanAttributes());
            int site = table.register(table.bind(new MethodShape("example.Commands", "run"), config.rules()));
            Object[] arguments = {"op-1", "QmPeer", "did:dkg:otp/0x1/7"};
            Object state = table.enter(site, null, arguments);
            table.exit(site, System.nanoTime(), state, null, arguments, null, null);
        }
        assertEquals(1, exported.size(), exported.toString());
        return exported.get(0);
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    /** Keeps what it is given. */
    private static final class Collecting implements SpanExporter {
        private final List<SpanData> spans;

        Collecting(List<SpanData> spans) {
            this.spans = spans;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
