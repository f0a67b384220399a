package io.nodescope.agent.metrics;

/** A request the listener will not serve: answered with {@link #status} and the connection closed. */
final class HttpProblem extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
