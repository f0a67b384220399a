package io.nodescope.benchmarks;

/** What {@link PingCommand#execute} returns. */
public record Result(String status) {
}
