package io.nodescope.instrumentation;

/**
 * Where a kind's span sits in a call between processes, from which the agent derives the
 * OpenTelemetry span kind. A span whose parent came from another node (an extracted context) is the
 * server side of that node's call, unless it is a query, which is always a client.
 */
public enum SpanSide {
    /** Work inside the node: {@code INTERNAL}, or {@code SERVER} where a remote caller's request enters. */
    INSIDE,
    /** A request to another node: {@code CLIENT}, or {@code SERVER} on the method that serves one. */
    PEER_CALL,
    /** A query to a database or store outside the node's code: always {@code CLIENT}. */
    QUERY
}
