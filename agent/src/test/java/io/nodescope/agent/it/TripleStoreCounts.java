package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.util.Map;

/** What a store workload's queries must read in {@code node_triple_store_query_duration_seconds}. */
final class TripleStoreCounts {

    private TripleStoreCounts() {
    }

    static String count(String type, String status) {
        return "node_triple_store_query_duration_seconds_count{status=\"" + status + "\",type=\"" + type + "\"}";
    }

    /** Exactly the ok and error calls of each type ({@code [ok, error]}). */
    static void assertExactly(Map<String, int[]> expected, MetricsText metrics, String output) {
        for (Map.Entry<String, int[]> type : expected.entrySet()) {
            assertEquals(type.getValue()[0], metrics.value(count(type.getKey(), "ok")), type.getKey() + " ok\n" + output);
            assertEquals(type.getValue()[1], metrics.value(count(type.getKey(), "error")), type.getKey() + " error\n" + output);
        }
        assertEquals(0.0, metrics.value("nodescope_advice_errors_total"), output);
    }

    /** The ok SELECTs' time includes the rows of the one whose rows take {@code millis} to read, after it returned them. */
    static void assertSelectsTimedWhileRead(MetricsText metrics, long millis) {
        double seconds = metrics.value("node_triple_store_query_duration_seconds_sum{status=\"ok\",type=\"select\"}");
        assertTrue(seconds >= millis / 1000.0, "the SELECT whose rows take " + millis + " ms to read is timed while they are read: " + seconds);
    }
}
