package io.nodescope.agent.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.sites.CollectingExporter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The senders are made once the gate opens, by the first export after it, and only once. */
class SendersGateTest {

    private static final long PATIENCE_SECONDS = 30;

    /** How often the exporter was made, and what it sent. */
    private final AtomicInteger made = new AtomicInteger();
    private final List<SpanData> sent = new CopyOnWriteArrayList<>();

    /** An exporter made late, that counts its making in {@link #made} and collects what it sends in {@link #sent}. */
    private LaterSpanExporter collectingLater(SendersGate gate) {
        return new LaterSpanExporter(gate, "test exporter", () -> {
            made.incrementAndGet();
            return new CollectingExporter(sent);
        });
    }

    @Test
    void anExportWaitsForTheGateThenTheSenderIsMadeOnce() throws Exception {
        SendersGate gate = new SendersGate();
        LaterSpanExporter exporter = collectingLater(gate);
        assertTrue(exporter.flush().isSuccess() && exporter.shutdown().isSuccess(), "nothing made, nothing to flush");
        // The simple processor exports as each span ends, on the ending thread.
        Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build().get("test");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tracer.spanBuilder("before").startSpan().end());
        assertFalse(waitsOut(first), "the export waits for the gate");
        assertEquals(0, made.get(), "no sender before the gate opens");

        gate.open();
        first.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        tracer.spanBuilder("after").startSpan().end();
        assertEquals(1, made.get(), "made once");
        assertEquals(List.of("before", "after"), sent.stream().map(SpanData::getName).collect(Collectors.toList()),
                "both spans went to the one sender");
    }

    @Test
    void openedToExitTheSendersAreMadeAtOnceNotByTheFirstExport() {
        SendersGate gate = new SendersGate();
        LaterSpanExporter exporter = collectingLater(gate);
        gate.openToExit();
        assertEquals(1, made.get(), "made on the exiting thread, before any export");
        assertTrue(exporter.export(List.of()).isSuccess());
        assertEquals(1, made.get(), "and only once");
    }

    @Test
    void whatWaitsForTheGateRunsWhenItOpensOnceOrAtOnceWhenItIsOpen() {
        SendersGate gate = new SendersGate();
        AtomicInteger before = new AtomicInteger();
        gate.whenOpen(before::incrementAndGet);
        assertEquals(0, before.get(), "not before the gate opens");
        gate.open();
        gate.openToExit();
        assertEquals(1, before.get(), "once, however often the gate is opened");
        AtomicInteger after = new AtomicInteger();
        gate.whenOpen(after::incrementAndGet);
        assertEquals(1, after.get(), "at once when the gate is open");
    }

    @Test
    void aSenderThatCannotBeMadeFailsEachExportAndIsTriedOnce() {
        SendersGate gate = new SendersGate();
        gate.open();
        AtomicInteger tried = new AtomicInteger();
        LaterSpanExporter exporter = new LaterSpanExporter(gate, "test exporter", () -> {
            tried.incrementAndGet();
            throw new IllegalArgumentException("no such sender");
        });
        assertFalse(exporter.export(List.of()).isSuccess());
        assertFalse(exporter.export(List.of()).isSuccess());
        assertEquals(1, tried.get());
    }

    /** Whether the export is still waiting a little later: it has nothing else to wait for. */
    private static boolean waitsOut(CompletableFuture<?> export) throws InterruptedException {
        try {
            export.get(300, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
