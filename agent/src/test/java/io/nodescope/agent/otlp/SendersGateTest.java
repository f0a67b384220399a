package io.nodescope.agent.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The senders are made once the gate opens, by the first export after it, and only once. */
class SendersGateTest {

    private static final long PATIENCE_SECONDS = 30;

    @Test
    void anExportWaitsForTheGateThenTheSenderIsMadeOnce() throws Exception {
        SendersGate gate = new SendersGate();
        AtomicInteger made = new AtomicInteger();
        List<Integer> sent = new ArrayList<>();
        LaterSpanExporter exporter = new LaterSpanExporter(gate, "test exporter", () -> {
            made.incrementAndGet();
            return new Sizes(sent);
        });
        assertTrue(exporter.flush().isSuccess() && exporter.shutdown().isSuccess(), "nothing made, nothing to flush");
        CompletableFuture<CompletableResultCode> first = CompletableFuture.supplyAsync(() -> exporter.export(List.of()));
        assertFalse(waitsOut(first), "the export waits for the gate");
        assertEquals(0, made.get(), "no sender before the gate opens");

        gate.open();
        assertTrue(first.get(PATIENCE_SECONDS, TimeUnit.SECONDS).isSuccess());
        assertTrue(exporter.export(List.of()).isSuccess());
        assertEquals(1, made.get(), "made once");
        assertEquals(List.of(0, 0), sent, "both batches went to the one sender");
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
    private static boolean waitsOut(CompletableFuture<CompletableResultCode> export) throws InterruptedException {
        try {
            export.get(300, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Notes the size of each batch. */
    private static final class Sizes implements SpanExporter {
        private final List<Integer> sent;

        Sizes(List<Integer> sent) {
            this.sent = sent;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            sent.add(spans.size());
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
