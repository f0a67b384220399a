package io.nodescope.demo;

import static io.nodescope.demo.Spans.failed;
import static io.nodescope.demo.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTreeTest {

    @Test
    void childrenAreIndentedUnderTheirParentInTheOrderTheyStarted() {
        Span root = span(1, 1, 0, "command.publish", 0, 12_345);
        Span operation = span(1, 2, 1, "operation.publish", 1_000, 11_100);
        Span update = span(1, 4, 2, "repository.updateStatus", 9_000, 9_500);
        Span insert = span(1, 3, 2, "repository.insertOperation", 1_100, 1_900);
        Span unrelated = span(1, 5, 9, "task.sync", 0, 5);

        String tree = new SpanTree(root, List.of(update, root, unrelated, insert, operation)).render();

        assertEquals("""
                trace 4b000000000000000000000000000001  command.publish  12.3 ms  ok
                  operation.publish  10.1 ms  ok
                    repository.insertOperation  0.8 ms  ok
                    repository.updateStatus  0.5 ms  ok
                """, tree);
    }

    @Test
    void aFailedSpanSaysErrorWithItsMessage() {
        Span root = failed(span(1, 1, 0, "command.get", 0, 2_000), "org.example.node.command.InvalidCommandException");

        assertEquals("trace 4b000000000000000000000000000001  command.get  2.0 ms  error"
                + " (org.example.node.command.InvalidCommandException)\n", new SpanTree(root, List.of(root)).render());
    }
}
