package io.nodescope.instrumentation;

import io.nodescope.instrumentation.kinds.ArgumentKind;
import io.nodescope.instrumentation.kinds.CallKind;
import io.nodescope.instrumentation.kinds.ExtractKind;
import io.nodescope.instrumentation.kinds.LazyResultKind;
import io.nodescope.instrumentation.kinds.LogContextKind;
import io.nodescope.instrumentation.kinds.LogRecordKind;
import io.nodescope.instrumentation.kinds.PrepareKind;
import io.nodescope.instrumentation.kinds.SyncHeartbeatKind;
import io.nodescope.instrumentation.kinds.SyncStageKind;
import io.nodescope.instrumentation.kinds.TaskKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind a rule can name: the catalog of kinds. Adding a kind means adding its class (see
 * {@code instrumentations/README.md}) and one constant here.
 */
public final class Kinds {

    public static final Kind COMMAND = CallKind.counted("command", "command", "command.", SpanSide.INSIDE,
            Catalog.COMMAND_TOTAL, Catalog.COMMAND_DURATION);

    public static final Kind TASK = new TaskKind();

    public static final Kind OPERATION = CallKind.counted("operation", "kind", "operation.", SpanSide.INSIDE,
            Catalog.OPERATION_TOTAL, Catalog.OPERATION_DURATION);

    public static final Kind SYNC_STAGE = new SyncStageKind();

    public static final Kind SYNC_HEARTBEAT = new SyncHeartbeatKind();

    public static final Kind NETWORK = CallKind.counted("network", "protocol", "network.", SpanSide.PEER_CALL,
            Catalog.NETWORK_REQUESTS, Catalog.NETWORK_DURATION);

    public static final Kind REPOSITORY = CallKind.timedSql("repository", "query", "repository.", SpanSide.QUERY,
            Catalog.REPOSITORY_DURATION);

    public static final Kind TRIPLE_STORE = CallKind.timed("triple_store", "type", "triple_store.", SpanSide.QUERY,
            Catalog.TRIPLE_STORE_DURATION);

    /**
     * A method that hands a task to another thread (an executor's {@code execute}): its Runnable
     * or Callable argument is wrapped to run in the caller's trace context. No span, no metrics.
     */
    public static final Kind HANDOFF = new ArgumentKind("handoff");

    /**
     * A method that sends a request to another node: its first argument, the request (a
     * java.net.http.HttpRequest or an HttpURLConnection), gets the caller's trace context as a W3C
     * traceparent header. No span, no metrics.
     */
    public static final Kind INJECT = new ArgumentKind("inject");

    public static final Kind EXTRACT = new ExtractKind();

    /**
     * A method that returns a log record's context map (Logback's MDC property map): the map
     * returned gains the current span's {@code trace_id}, {@code span_id} and {@code trace_flags}.
     * No span, no metrics.
     */
    public static final Kind LOG_CONTEXT = new LogContextKind();

    /** A method every log record passes through: the record goes to the OTLP log export. No span, no metrics. */
    public static final Kind LOG_RECORD = new LogRecordKind();

    /** A method that makes a statement object from SQL: the SQL is remembered for the object, for rules on its calls. */
    public static final Kind PREPARE = new PrepareKind();

    /** Spans for runtime events a node wants to see (a shutdown, a cache rebuild); the JVM and process metrics need no rule. */
    public static final Kind RUNTIME = CallKind.traced("runtime", "name", "runtime.");

    /** Not nameable in a rule: the agent's watch on the results of rules that say {@code lazy}. */
    public static final Kind LAZY_RESULT = new LazyResultKind();

    private static final List<Kind> ALL = List.of(COMMAND, TASK, OPERATION, SYNC_STAGE, SYNC_HEARTBEAT, NETWORK, REPOSITORY,
            TRIPLE_STORE, RUNTIME, HANDOFF, INJECT, EXTRACT, LOG_CONTEXT, LOG_RECORD, PREPARE);

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
