package io.nodescope.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KindsTest {

    @Test
    void everyRecordedLabelIsTheSubjectOrTheStatus() {
        for (Kind kind : Kinds.all()) {
            for (Recording recording : kind.recordings()) {
                for (String label : recording.metric().labelNames()) {
                    boolean known = label.equals(Kind.STATUS) || kind.subject().map(label::equals).orElse(false);
                    assertTrue(known, kind + " records " + recording.metric() + " with label " + label + " it cannot fill");
                }
            }
        }
    }

    @Test
    void everySubjectIsASpanAttributeKey() {
        for (Kind kind : Kinds.all()) {
            kind.subject().ifPresent(subject -> assertTrue(Kinds.ATTRIBUTE_KEYS.contains(subject), kind + " subject " + subject));
        }
    }

    @Test
    void recordingsMatchTheirMetricTypes() {
        for (Kind kind : Kinds.all()) {
            for (Recording recording : kind.recordings()) {
                MetricType expected = recording.action() == Recording.Action.COUNT_CALL ? MetricType.COUNTER
                        : recording.action() == Recording.Action.TIME_CALL ? MetricType.HISTOGRAM : MetricType.GAUGE;
                assertEquals(expected, recording.metric().type(), kind + " " + recording.metric());
            }
        }
    }

    @Test
    void catalogNamesAreUniqueAndCountersEndInTotal() {
        Set<String> names = new HashSet<>();
        for (MetricDefinition metric : Catalog.all()) {
            assertTrue(names.add(metric.name()), "duplicate " + metric);
            assertEquals(metric.type() == MetricType.COUNTER, metric.name().endsWith("_total"), metric.name());
        }
    }

    @Test
    void kindsAreFoundByName() {
        assertEquals(Kinds.COMMAND, Kinds.named("command").orElseThrow());
        assertTrue(Kinds.named("nope").isEmpty());
    }
}
