package org.example.node.command;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.example.node.concurrent.GracefulShutdown;
import org.example.node.concurrent.NamedThreadFactory;

/**
 * Runs commands on a fixed pool of {@code command-worker-N} threads behind a bounded queue, so a burst
 * of requests is turned away ({@link CommandRejectedException}) instead of piling up in memory.
 */
public class CommandExecutor implements AutoCloseable {
    private static final int DEFAULT_WORKERS = 4;
    private static final int DEFAULT_QUEUE_CAPACITY = 1000;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Map<CommandType, Command> commands = new EnumMap<>(CommandType.class);
    private final BlockingQueue<Runnable> queue;
    private final ThreadPoolExecutor workers;

    public CommandExecutor(Collection<? extends Command> commands) {
        this(commands, DEFAULT_WORKERS, DEFAULT_QUEUE_CAPACITY);
    }

    /** @param commands one per command type the node handles; a request of any other type is invalid */
    public CommandExecutor(Collection<? extends Command> commands, int workerCount, int queueCapacity) {
        for (Command command : commands) {
            CommandType type = CommandType.fromLabel(command.name()).orElseThrow(() ->
                    new IllegalArgumentException("command name '" + command.name() + "' is not a command type"));
            if (this.commands.putIfAbsent(type, command) != null) {
                throw new IllegalArgumentException("two commands handle " + type.label());
            }
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS, queue,
                new NamedThreadFactory("command-worker"));
    }

    /**
     * Queues the command for a worker. The future completes with the result, with the command's
     * exception, or with {@link CommandRejectedException} if the queue is full.
     */
    public CompletableFuture<CommandResult> submit(CommandRequest request) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            workers.execute(() -> complete(result, request));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new CommandRejectedException(workers.isShutdown()
                    ? "command executor is shut down"
                    : "command queue is full (" + queue.size() + " waiting)"));
        }
        return result;
    }

    /** Runs the command in the calling thread, bypassing the queue; for the node's own periodic tasks. */
    public CommandResult executeInline(CommandRequest request) throws CommandException {
        return dispatch(request);
    }

    /** Commands waiting for a worker. */
    public int queueDepth() {
        return queue.size();
    }

    /** Stops taking commands and lets queued ones finish, for a few seconds at most. */
    @Override
    public void close() {
        GracefulShutdown.shutdown(workers, SHUTDOWN_GRACE);
    }

    private void complete(CompletableFuture<CommandResult> result, CommandRequest request) {
        try {
            result.complete(dispatch(request));
        } catch (Throwable t) { // whatever happens, the caller waiting on the future gets an answer
            result.completeExceptionally(t);
        }
    }

    private CommandResult dispatch(CommandRequest request) throws CommandException {
        Command command = commands.get(request.type());
        if (command == null) {
            throw new InvalidCommandException("this node does not handle " + request.type().label() + " commands");
        }
        return command.execute(request);
    }
}
