package org.example.node.command;

/** One kind of command the node executes; {@link CommandExecutor} dispatches each request to one of these. */
public interface Command {
    /** The {@link CommandType#label()} this command handles. */
    String name();

    CommandResult execute(CommandRequest request) throws CommandException;
}
