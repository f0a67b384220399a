package io.nodescope.agent.config;

import io.nodescope.instrumentation.sql.StatementBinding;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code [telemetry.traces] drop_attributes}, {@code hash_attributes} and {@code exception_messages}:
 * span attributes a node's operator keeps out of its traces, or sends only as a hash.
 */
public final class SpanAttributePolicy {

    public static final String EXCEPTION_TYPE = "exception.type";
    public static final String EXCEPTION_MESSAGE = "exception.message";
    public static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    /**
     * The attributes that name nothing else: the subjects (command, task, …) are also in span names
     * and metrics. The statement's summary is too, but a node may still keep it off its spans.
     */
    static final Set<String> ADJUSTABLE = Set.of("operation_id", "blockchain", "peer_id", "ual",
            EXCEPTION_TYPE, EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE, StatementBinding.QUERY_TEXT, StatementBinding.QUERY_SUMMARY);
    static final SpanAttributePolicy KEEP_ALL = new SpanAttributePolicy(Set.of(), Set.of(), false);

    private final Set<String> dropped;
    private final Set<String> hashed;

    /**
     * {@code exceptionMessages}: whether a thrown exception's message is sent at all; messages often
     * quote the input that failed (SQL, SPARQL, an identifier), so they stay home unless asked for.
     */
    SpanAttributePolicy(Set<String> dropped, Set<String> hashed, boolean exceptionMessages) {
        this.dropped = exceptionMessages ? Set.copyOf(dropped) : with(dropped, EXCEPTION_MESSAGE);
        this.hashed = Set.copyOf(hashed);
    }

    private static Set<String> with(Set<String> keys, String key) {
        Set<String> all = new HashSet<>(keys);
        all.add(key);
        return Set.copyOf(all);
    }

    public boolean drops(String key) {
        return dropped.contains(key);
    }

    public boolean hashes(String key) {
        return hashed.contains(key);
    }
}
