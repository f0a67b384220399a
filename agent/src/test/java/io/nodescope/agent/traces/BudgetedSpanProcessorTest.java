package io.nodescope.agent.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The batch processor is made only when the processor opens (or is flushed or shut down first);
 * the spans ended before wait for it within the export budget and reach it then, in the order ended.
 */
class BudgetedSpanProcessorTest {

    private final AtomicInteger made = new AtomicInteger();
    private final EndedSpans batch = new EndedSpans();
    private final CounterPoint dropped = new CounterPoint();
    private final BudgetedSpanProcessor processor = new BudgetedSpanProcessor(this::batch, new ExportBudget(3, dropped));
    private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(processor).build().get("test");

    @Test
    void spansEndedBeforeItOpensReachTheBatchProcessorMadeThen() {
        end("first", "second");
        assertEquals(0, made.get(), "no batch processor before the processor opens");
        processor.open();
        end("third");
        processor.open();
        assertEquals(1, made.get(), "made once");
        assertEquals(List.of("first", "second", "third"), batch.names());
    }

    @Test
    void spansPastTheBudgetAreDroppedAndCountedWhileTheyWait() {
        end("1", "2", "3", "4", "5");
        assertEquals(2, dropped.value());
        processor.open();
        assertEquals(List.of("1", "2", "3"), batch.names());
    }

    @Test
    void shutDownBeforeItOpensTheWaitingSpansStillReachTheBatchProcessor() {
        end("only");
        processor.shutdown();
        assertEquals(1, made.get());
        assertEquals(List.of("only"), batch.names());
    }

    private void end(String... names) {
        for (String name : names) {
            tracer.spanBuilder(name).startSpan().end();
        }
    }

    /** The batch processor, counted as it is made. */
    private SpanProcessor batch() {
        made.incrementAndGet();
        return batch;
    }
}
