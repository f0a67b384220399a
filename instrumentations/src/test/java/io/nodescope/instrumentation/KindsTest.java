package io.nodescope.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KindsTest {

    /** SPEC §4, name → type and labels, in the catalog's order. */
    private static final Map<String, String> SPEC_CATALOG = new LinkedHashMap<>();

    static {
        SPEC_CATALOG.put("node_command_total", "COUNTER [command, status]");
        SPEC_CATALOG.put("node_command_duration_seconds", "HISTOGRAM [command, status]");
        SPEC_CATALOG.put("node_operation_total", "COUNTER [kind, status]");
        SPEC_CATALOG.put("node_operation_duration_seconds", "HISTOGRAM [kind, status]");
        SPEC_CATALOG.put("node_task_runs_total", "COUNTER [task, status]");
        SPEC_CATALOG.put("node_task_duration_seconds", "HISTOGRAM [task, status]");
        SPEC_CATALOG.put("node_task_next_delay_seconds", "GAUGE [task]");
        SPEC_CATALOG.put("node_sync_stage_duration_seconds", "HISTOGRAM [stage, status]");
        SPEC_CATALOG.put("node_sync_queue_depth", "GAUGE [stage]");
        SPEC_CATALOG.put("node_sync_kc_processed_total", "COUNTER [stage, result]");
        SPEC_CATALOG.put("node_sync_last_success_unix", "GAUGE []");
        SPEC_CATALOG.put("node_network_requests_total", "COUNTER [protocol, outcome]");
        SPEC_CATALOG.put("node_network_request_duration_seconds", "HISTOGRAM [protocol, outcome]");
        SPEC_CATALOG.put("node_repository_query_duration_seconds", "HISTOGRAM [query, status]");
        SPEC_CATALOG.put("node_triple_store_query_duration_seconds", "HISTOGRAM [type, status]");
    }

    @Test
    void theCatalogIsExactlyTheSpecifiedOne() {
        Map<String, String> catalog = new LinkedHashMap<>();
        for (MetricDefinition metric : Catalog.all()) {
            catalog.put(metric.name(), metric.type() + " " + metric.labelNames());
        }
        assertEquals(SPEC_CATALOG, catalog);
    }

    @Test
    void everyCatalogMetricIsRecordedBySomeKind() {
        Set<MetricDefinition> recorded = new HashSet<>();
        for (Kind kind : Kinds.all()) {
            recorded.addAll(kind.metrics());
        }
        assertEquals(Set.copyOf(Catalog.all()), recorded);
    }

    @Test
    void everyRecordedLabelIsTheSubjectTheOutcomeOrAValueOfTheKind() {
        for (Kind kind : Kinds.all()) {
            for (MetricDefinition metric : kind.metrics()) {
                for (String label : metric.labelNames()) {
                    boolean known = Kind.isOutcomeLabel(label) || kind.subject().map(label::equals).orElse(false)
                            || kind.valueKeys().contains(label);
                    assertTrue(known, kind + " records " + metric + " with label " + label + " it cannot fill");
                }
            }
        }
    }

    @Test
    void noUnboundedValueCanBecomeALabel() {
        for (Kind kind : Kinds.all()) {
            for (String unbounded : List.of("operation_id", "peer_id", "ual")) {
                assertFalse(kind.subject().map(unbounded::equals).orElse(false), kind + " labels by " + unbounded);
                assertFalse(kind.valueKeys().contains(unbounded), kind + " reads " + unbounded + " for its metrics");
            }
        }
    }

    @Test
    void numericValuesAreValuesOfTheKind() {
        for (Kind kind : Kinds.all()) {
            assertTrue(kind.valueKeys().containsAll(kind.numericKeys()), kind.toString());
        }
        assertEquals(Set.of("processed", "queue_depth"), Kinds.SYNC_STAGE.numericKeys());
        assertEquals(Set.of("next_delay"), Kinds.TASK.numericKeys());
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
    void kindsAreFoundByNameAndSayWhichValuesTheyRead() {
        assertEquals(Kinds.SYNC_STAGE, Kinds.named("sync_stage").orElseThrow());
        assertTrue(Kinds.named("nope").isEmpty());
        assertEquals(List.of("stage", "processed", "result", "queue_depth"), List.copyOf(Kinds.SYNC_STAGE.valueKeys()));
        assertEquals(List.of("task", "next_delay"), List.copyOf(Kinds.TASK.valueKeys()));
    }
}
