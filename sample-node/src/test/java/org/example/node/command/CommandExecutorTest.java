package org.example.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {
    private static final CommandRequest PUBLISH = CommandRequest.newOperation(CommandType.PUBLISH, "otp:2043", Map.of());

    @Test
    void rejectsCommandsWhenTheQueueIsFull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Command blocking = new FakeCommand("publish", request -> {
            started.countDown();
            await(release);
            return threadName();
        });
        try (CommandExecutor executor = new CommandExecutor(List.of(blocking), 1, 1)) {
            CompletableFuture<CommandResult> running = executor.submit(PUBLISH);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            CompletableFuture<CommandResult> queued = executor.submit(PUBLISH);
            assertEquals(1, executor.queueDepth());

            CompletableFuture<CommandResult> rejected = executor.submit(PUBLISH);

            ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CommandRejectedException.class, e.getCause());
            release.countDown();
            assertTrue(threadOf(running.get(5, TimeUnit.SECONDS)).startsWith("command-worker-"));
            assertTrue(threadOf(queued.get(5, TimeUnit.SECONDS)).startsWith("command-worker-"));
        }
    }

    @Test
    void executeInlineRunsInTheCallingThread() throws Exception {
        try (CommandExecutor executor = new CommandExecutor(List.of(new FakeCommand("publish", request -> threadName())))) {
            CommandResult result = executor.executeInline(PUBLISH);

            assertEquals(Thread.currentThread().getName(), threadOf(result));
        }
    }

    @Test
    void invalidInputFailsTheFutureWithTheCommandsException() {
        Command invalid = new FakeCommand("publish", request -> {
            throw new InvalidCommandException("no assertions");
        });
        try (CommandExecutor executor = new CommandExecutor(List.of(invalid))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> executor.submit(PUBLISH).get(5, TimeUnit.SECONDS));

            assertInstanceOf(InvalidCommandException.class, e.getCause());
        }
    }

    @Test
    void typeWithoutACommandIsInvalid() {
        try (CommandExecutor executor = new CommandExecutor(List.of(new FakeCommand("get", request -> threadName())))) {
            InvalidCommandException e = assertThrows(InvalidCommandException.class,
                    () -> executor.executeInline(PUBLISH));

            assertEquals("this node does not handle publish commands", e.getMessage());
        }
    }

    @Test
    void everyCommandMustHandleADistinctType() {
        Command get = new FakeCommand("get", request -> threadName());
        assertThrows(IllegalArgumentException.class,
                () -> new CommandExecutor(List.of(get, new FakeCommand("get", request -> threadName()))));
        assertThrows(IllegalArgumentException.class,
                () -> new CommandExecutor(List.of(new FakeCommand("mint", request -> threadName()))));
    }

    private static Map<String, Object> threadName() {
        return Map.of("thread", Thread.currentThread().getName());
    }

    private static String threadOf(CommandResult result) {
        return (String) result.data().get("thread");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
