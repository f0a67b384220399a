package io.nodescope.instrumentation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every kind a rule can name. Adding a kind means adding one constant here. */
public final class Kinds {

    public static final Kind COMMAND = new Kind("command", "command", "command.",
            Recording.count(Catalog.COMMAND_TOTAL), Recording.time(Catalog.COMMAND_DURATION));

    public static final Kind TASK = new Kind("task", "task", "task.",
            Recording.count(Catalog.TASK_RUNS_TOTAL), Recording.time(Catalog.TASK_DURATION),
            Recording.setValue(Catalog.TASK_NEXT_DELAY, "next_delay"));

    public static final Kind OPERATION = new Kind("operation", "kind", "operation.",
            Recording.count(Catalog.OPERATION_TOTAL), Recording.time(Catalog.OPERATION_DURATION));

    /** One stage of the sync pipeline (fetch, validate, insert, ...); its span is a child of the sync task's. */
    public static final Kind SYNC_STAGE = new Kind("sync_stage", "stage", "task.sync.",
            Recording.time(Catalog.SYNC_STAGE_DURATION),
            Recording.addValueOnSuccess(Catalog.SYNC_KC_PROCESSED, "processed", "result", "processed"),
            Recording.followValue(Catalog.SYNC_QUEUE_DEPTH, "queue_depth"));

    /** A method whose normal return means the sync made progress. */
    public static final Kind SYNC_HEARTBEAT = new Kind("sync_heartbeat", null, null,
            Recording.setNowOnSuccess(Catalog.SYNC_LAST_SUCCESS));

    public static final Kind NETWORK = new Kind("network", "protocol", "network.", SpanSide.PEER_CALL,
            Recording.count(Catalog.NETWORK_REQUESTS), Recording.time(Catalog.NETWORK_DURATION));

    public static final Kind REPOSITORY = new Kind("repository", "query", "repository.", SpanSide.QUERY,
            Recording.time(Catalog.REPOSITORY_DURATION));

    public static final Kind TRIPLE_STORE = new Kind("triple_store", "type", "triple_store.", SpanSide.QUERY,
            Recording.time(Catalog.TRIPLE_STORE_DURATION));

    /**
     * A method that hands a task to another thread (an executor's {@code execute}): its Runnable
     * or Callable argument is wrapped to run in the caller's trace context. No span, no metrics.
     */
    public static final Kind HANDOFF = new Kind("handoff", null, null);

    /**
     * A method that sends a request to another node: its first argument, the request (a
     * java.net.http.HttpRequest or an HttpURLConnection), gets the caller's trace context as a W3C
     * traceparent header. No span, no metrics.
     */
    public static final Kind INJECT = new Kind("inject", null, null);

    /**
     * A method that receives a request from another node: it runs in the trace context read from
     * {@code values.carrier}, the request's headers as a map (W3C traceparent), so that spans of
     * what it calls continue the caller's trace. No span, no metrics.
     */
    public static final Kind EXTRACT = Kind.reading("extract", Kinds.CARRIER);

    /** Spans for runtime events a node wants to see (a shutdown, a cache rebuild); the JVM and process metrics need no rule. */
    public static final Kind RUNTIME = new Kind("runtime", "name", "runtime.");

    private static final List<Kind> ALL = List.of(COMMAND, TASK, OPERATION, SYNC_STAGE, SYNC_HEARTBEAT, NETWORK, REPOSITORY,
            TRIPLE_STORE, RUNTIME, HANDOFF, INJECT, EXTRACT);

    /** The value of an extract rule that gives the incoming request's headers. */
    public static final String CARRIER = "carrier";

    /** Span attribute keys a rule may take values for (SPEC §3); {@code status} is set by the agent. */
    public static final Set<String> ATTRIBUTE_KEYS = Set.of("operation_id", "task", "command", "blockchain", "peer_id", "ual");

    private Kinds() {
    }

    public static List<Kind> all() {
        return ALL;
    }

    public static Optional<Kind> named(String name) {
        return ALL.stream().filter(kind -> kind.name().equals(name)).findFirst();
    }
}
