package io.nodescope.agent.cli;

/** The command line cannot be run as given; the message says what to write instead. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
