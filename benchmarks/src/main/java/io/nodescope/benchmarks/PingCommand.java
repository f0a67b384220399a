package io.nodescope.benchmarks;

/**
 * A command whose work is trivial (it returns a field), so that timing a call to it measures
 * the instrumentation wrapped around it. The benchmark configs select its {@code execute}.
 */
public class PingCommand {
    private final Result pong = new Result("pong");

    public String name() {
        return "ping";
    }

    public Result execute(Request request) {
        return pong;
    }
}
