package io.nodescope.instrumentation;

import java.util.List;

/** The fixed metric catalog: names, types and labels are part of the product contract. */
public final class Catalog {

    public static final MetricDefinition COMMAND_TOTAL =
            MetricDefinition.counter("node_command_total", "Commands executed, by command and status.", "command", "status");
    public static final MetricDefinition COMMAND_DURATION =
            MetricDefinition.histogram("node_command_duration_seconds", "Command execution time in seconds.", "command", "status");
    public static final MetricDefinition OPERATION_TOTAL =
            MetricDefinition.counter("node_operation_total", "Operations run, by kind and status.", "kind", "status");
    public static final MetricDefinition OPERATION_DURATION =
            MetricDefinition.histogram("node_operation_duration_seconds", "Operation run time in seconds.", "kind", "status");
    public static final MetricDefinition TASK_RUNS_TOTAL =
            MetricDefinition.counter("node_task_runs_total", "Periodic task runs, by task and status.", "task", "status");
    public static final MetricDefinition TASK_DURATION =
            MetricDefinition.histogram("node_task_duration_seconds", "Periodic task run time in seconds.", "task", "status");
    public static final MetricDefinition TASK_NEXT_DELAY =
            MetricDefinition.gauge("node_task_next_delay_seconds", "Seconds until the task's next run, as of its last run.", "task");
    public static final MetricDefinition SYNC_STAGE_DURATION =
            MetricDefinition.histogram("node_sync_stage_duration_seconds", "Sync stage run time in seconds.", "stage", "status");
    public static final MetricDefinition SYNC_QUEUE_DEPTH =
            MetricDefinition.gauge("node_sync_queue_depth", "Work items waiting in front of the sync stage.", "stage");
    public static final MetricDefinition SYNC_KC_PROCESSED =
            MetricDefinition.counter("node_sync_kc_processed_total", "Knowledge collections processed by sync stage and result.",
                    "stage", "result");
    public static final MetricDefinition SYNC_LAST_SUCCESS =
            MetricDefinition.gauge("node_sync_last_success_unix", "Unix time in seconds of the last successful sync.");
    public static final MetricDefinition NETWORK_REQUESTS =
            MetricDefinition.counter("node_network_requests_total", "Requests to other nodes, by protocol and outcome.",
                    "protocol", "outcome");
    public static final MetricDefinition NETWORK_DURATION =
            MetricDefinition.histogram("node_network_request_duration_seconds", "Time of requests to other nodes in seconds.",
                    "protocol", "outcome");
    public static final MetricDefinition REPOSITORY_DURATION =
            MetricDefinition.queryHistogram("node_repository_query_duration_seconds", "Repository (SQL) query time in seconds.",
                    "query", "status");
    public static final MetricDefinition TRIPLE_STORE_DURATION =
            MetricDefinition.queryHistogram("node_triple_store_query_duration_seconds", "Triple store query time in seconds.",
                    "type", "status");

    private static final List<MetricDefinition> ALL = List.of(COMMAND_TOTAL, COMMAND_DURATION, OPERATION_TOTAL, OPERATION_DURATION,
            TASK_RUNS_TOTAL, TASK_DURATION, TASK_NEXT_DELAY, SYNC_STAGE_DURATION, SYNC_QUEUE_DEPTH, SYNC_KC_PROCESSED, SYNC_LAST_SUCCESS,
            NETWORK_REQUESTS, NETWORK_DURATION, REPOSITORY_DURATION, TRIPLE_STORE_DURATION);

    private Catalog() {
    }

    public static List<MetricDefinition> all() {
        return ALL;
    }
}
