package org.example.node.command;

import java.util.Map;

/** A command whose work is given by the test. */
public record FakeCommand(String name, Work work) implements Command {
    /** The result data, or an exception. */
    public interface Work {
        Map<String, Object> run(CommandRequest request) throws CommandException;
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        return new CommandResult(request.operationId(), work.run(request));
    }
}
