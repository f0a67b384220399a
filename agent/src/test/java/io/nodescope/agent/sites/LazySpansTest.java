package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.instrumentation.site.LazyCalls;
import io.nodescope.instrumentation.site.MetricPoints;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span of a call that waits for its lazy result: no longer current once the method returned,
 * ended once, when the result ends, with the outcome of reading it.
 */
class LazySpansTest {

    private static final String RULE = "[telemetry.traces]\n[[rule]]\nname = 'queries'\nkind = 'triple_store'\n"
            + "class.name = 'example.Store'\nmethod.name = 'query'\nvalues.type = 'select'\nlazy.result = 'example.Rows'\n"
            + "lazy.closing_this = true\n";

    @TempDir
    Path dir;

    @Test
    void theSpanEndsOnceWhenTheResultFailsAndIsNotCurrentAfterTheMethodReturned() throws Exception {
        List<SpanData> exported = new ArrayList<>();
        Object store = new Object();
        Object rows = new Object();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(exported))).build()) {
            AgentConfig config = TestConfigs.load(dir, RULE);
            SiteTable table = table(provider, config);
            int site = table.register(table.bind(new MethodShape("example.Store", "query"), config.rules()));
            Object state = table.enter(site, store, new Object[0]);
            assertTrue(Span.current().getSpanContext().isValid(), "current while the method runs");
            table.exit(site, System.nanoTime(), state, store, new Object[0], rows, null);
            assertFalse(Span.current().getSpanContext().isValid(), "no longer current once it returned");
            assertEquals(List.of(), exported, "not ended while its rows are unread");

            LazyCalls.used(rows);
            assertEquals(List.of(), exported);
            LazyCalls.ended(rows, new IllegalStateException("timed out while reading"));
            LazyCalls.ended(rows, null);
            LazyCalls.ended(store, null);
        }
        assertEquals(1, exported.size(), exported.toString());
        SpanData span = exported.get(0);
        assertEquals("triple_store.select", span.getName());
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("error", span.getAttributes().get(AttributeKey.stringKey("status")));
        assertEquals(1, span.getEvents().stream().filter(event -> event.getName().equals("exception")).count());
    }

    @Test
    void closingTheObjectTheMethodRanOnEndsTheCall() throws Exception {
        List<SpanData> exported = new ArrayList<>();
        Object store = new Object();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(exported))).build()) {
            AgentConfig config = TestConfigs.load(dir, RULE);
            SiteTable table = table(provider, config);
            int site = table.register(table.bind(new MethodShape("example.Store", "query"), config.rules()));
            table.exit(site, System.nanoTime(), table.enter(site, store, new Object[0]), store, new Object[0], null, null);
            assertEquals(List.of(), exported);
            LazyCalls.ended(store, null);
        }
        assertEquals(1, exported.size(), exported.toString());
        assertEquals(StatusCode.UNSET, exported.get(0).getStatus().getStatusCode());
        assertEquals("ok", exported.get(0).getAttributes().get(AttributeKey.stringKey("status")));
    }

    private static SiteTable table(SdkTracerProvider provider, AgentConfig config) {
        TracerSlot slot = new TracerSlot(config.spanAttributes(), MetricPoints.Counter.NONE);
        slot.fill(provider.get("test"));
        return new SiteTable(MetricPoints.NONE, slot, new CounterPoint(), config.spanAttributes());
    }
}
