package io.nodescope.benchmarks;

/** The argument of {@link PingCommand#execute}, shaped like a node's command request. */
public record Request(String operationId, String blockchain) {
}
