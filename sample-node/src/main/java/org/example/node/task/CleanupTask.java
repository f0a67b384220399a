package org.example.node.task;

import java.time.Duration;
import java.util.Map;
import org.example.node.command.CommandException;
import org.example.node.command.CommandExecutor;
import org.example.node.command.CommandRequest;
import org.example.node.command.CommandType;

/**
 * Removes expired knowledge collections by running a cleanup command in this task's own thread, so the
 * command counts as part of the task rather than queuing behind client commands.
 */
public class CleanupTask implements PeriodicTask {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final CommandExecutor commands;

    public CleanupTask(CommandExecutor commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void run() throws CommandException {
        // cleanup spans every chain, so the request names none
        commands.executeInline(CommandRequest.newOperation(CommandType.CLEANUP, null, Map.of()));
    }
}
