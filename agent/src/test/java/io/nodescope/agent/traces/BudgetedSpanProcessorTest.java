package io.nodescope.agent.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The batch processor is made only when the processor opens (or is flushed or shut down first);
 * the spans ended before wait for it within the export budget and reach it then, in the order ended.
 */
class BudgetedSpanProcessorTest {

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> handed = new CopyOnWriteArrayList<>();
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
        assertEquals(List.of("first", "second", "third"), handed);
    }

    @Test
    void spansPastTheBudgetAreDroppedAndCountedWhileTheyWait() {
        end("1", "2", "3", "4", "5");
        assertEquals(2, dropped.value());
        processor.open();
        assertEquals(List.of("1", "2", "3"), handed);
    }

    @Test
    void shutDownBeforeItOpensTheWaitingSpansStillReachTheBatchProcessor() {
        end("only");
        processor.shutdown();
        assertEquals(1, made.get());
        assertEquals(List.of("only"), handed);
    }

    private void end(String... names) {
        for (String name : names) {
            tracer.spanBuilder(name).startSpan().end();
        }
    }

    /** A batch processor that notes the spans it is handed. */
    private SpanProcessor batch() {
        made.incrementAndGet();
        return new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                handed.add(span.getName());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
