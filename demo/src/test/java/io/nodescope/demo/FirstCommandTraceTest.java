package io.nodescope.demo;

import static io.nodescope.demo.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstCommandTraceTest {

    private final FirstCommandTrace first = new FirstCommandTrace();

    @Test
    void theFirstCommandRootWithChildrenIsChosenOnceAndKeepsItsLateSpans() {
        assertFalse(first.add(List.of(span(1, 1, 0, "task.sync", 0, 10), span(1, 2, 1, "task.sync.fetch", 1, 5))),
                "a task's trace is not a command's");
        assertFalse(first.add(List.of(span(2, 1, 0, "command.get", 0, 10))), "a command without children");
        assertTrue(first.add(List.of(span(3, 2, 1, "operation.publish", 1, 8), span(3, 1, 0, "command.publish", 0, 10))));
        assertFalse(first.add(List.of(span(4, 1, 0, "command.query", 0, 10), span(4, 2, 1, "triple_store.select", 1, 2),
                span(3, 3, 2, "repository.updateStatus", 7, 8))), "chosen once");

        String tree = first.take().orElseThrow().render();

        assertTrue(tree.startsWith("trace 4b000000000000000000000000000003  command.publish"), tree);
        assertTrue(tree.contains("\n    repository.updateStatus"), "the span that came after the root: " + tree);
        assertEquals(3, tree.lines().count(), tree);
        assertTrue(first.take().isEmpty(), "taken once");
        assertFalse(first.add(List.of(span(5, 2, 1, "operation.publish", 1, 8), span(5, 1, 0, "command.publish", 0, 10))));
    }

    @Test
    void nothingIsTakenBeforeACommandTraceCame() {
        first.add(List.of(span(1, 2, 1, "operation.publish", 1, 8)));

        assertTrue(first.take().isEmpty());
    }
}
