package io.nodescope.instrumentation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every kind a rule can name. Adding a kind means adding one constant here. */
public final class Kinds {

    public static final Kind COMMAND = new Kind("command", "command", "command.",
            Recording.count(Catalog.COMMAND_TOTAL), Recording.time(Catalog.COMMAND_DURATION));

    public static final Kind TASK = new Kind("task", "task", "task.",
            Recording.count(Catalog.TASK_RUNS_TOTAL), Recording.time(Catalog.TASK_DURATION));

    /** A method whose normal return means the sync made progress. */
    public static final Kind SYNC_HEARTBEAT = new Kind("sync_heartbeat", null, null,
            Recording.setNowOnSuccess(Catalog.SYNC_LAST_SUCCESS));

    private static final List<Kind> ALL = List.of(COMMAND, TASK, SYNC_HEARTBEAT);

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
