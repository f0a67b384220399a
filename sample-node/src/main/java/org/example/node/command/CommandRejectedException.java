package org.example.node.command;

/** The executor turned a command away without running it: its queue was full or it was shut down. */
public class CommandRejectedException extends RuntimeException {
    public CommandRejectedException(String message) {
        super(message);
    }
}
