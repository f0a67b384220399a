package io.nodescope.instrumentation;

import java.util.List;

/** The fixed metric catalog: names, types and labels are part of the product contract. */
public final class Catalog {

    public static final MetricDefinition COMMAND_TOTAL =
            MetricDefinition.counter("node_command_total", "Commands executed, by command and status.", "command", "status");
    public static final MetricDefinition COMMAND_DURATION =
            MetricDefinition.histogram("node_command_duration_seconds", "Command execution time in seconds.", "command", "status");
    public static final MetricDefinition TASK_RUNS_TOTAL =
            MetricDefinition.counter("node_task_runs_total", "Periodic task runs, by task and status.", "task", "status");
    public static final MetricDefinition TASK_DURATION =
            MetricDefinition.histogram("node_task_duration_seconds", "Periodic task run time in seconds.", "task", "status");
    public static final MetricDefinition SYNC_LAST_SUCCESS =
            MetricDefinition.gauge("node_sync_last_success_unix", "Unix time in seconds of the last successful sync.");

    private static final List<MetricDefinition> ALL =
            List.of(COMMAND_TOTAL, COMMAND_DURATION, TASK_RUNS_TOTAL, TASK_DURATION, SYNC_LAST_SUCCESS);

    private Catalog() {
    }

    public static List<MetricDefinition> all() {
        return ALL;
    }
}
