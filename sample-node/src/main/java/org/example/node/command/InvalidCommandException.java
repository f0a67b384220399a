package org.example.node.command;

/** The request itself is wrong (missing or malformed input, unknown UAL): retrying it cannot help. */
public class InvalidCommandException extends CommandException {
    public InvalidCommandException(String message) {
        super(message);
    }
}
