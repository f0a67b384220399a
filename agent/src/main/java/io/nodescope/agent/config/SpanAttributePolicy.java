package io.nodescope.agent.config;

import java.util.Set;

/**
 * {@code [telemetry.traces] drop_attributes} and {@code hash_attributes}: span attributes a node's
 * operator keeps out of its traces, or sends only as a hash.
 */
public final class SpanAttributePolicy {

    /** The attributes that name nothing else: the subjects (command, task, …) are also in span names and metrics. */
    static final Set<String> ADJUSTABLE = Set.of("operation_id", "blockchain", "peer_id", "ual");
    static final SpanAttributePolicy KEEP_ALL = new SpanAttributePolicy(Set.of(), Set.of());

    private final Set<String> dropped;
    private final Set<String> hashed;

    SpanAttributePolicy(Set<String> dropped, Set<String> hashed) {
        this.dropped = Set.copyOf(dropped);
        this.hashed = Set.copyOf(hashed);
    }

    public boolean drops(String key) {
        return dropped.contains(key);
    }

    public boolean hashes(String key) {
        return hashed.contains(key);
    }
}
