package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's classes wait for the agent's start only as long as they must: until the rules are
 * read, then, for a class a rule may select, until they are in place; the JDK's classes and the
 * agent's own start never wait, and nothing waits once the agent stays off or its start hangs.
 */
class StartingTransformerTest {

    private static final byte[] CLASS_FILE = {1, 2, 3};
    private static final byte[] SELECTED_FILE = {7, 8, 9};
    private static final byte[] REWRITTEN = {4, 5, 6};
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final ClassLoader APP = StartingTransformerTest.class.getClassLoader();
    private final ClassLoader nodeLoader = new URLClassLoader(new URL[0], null);
    private final ClassFileTransformer rules = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] file) {
            return REWRITTEN;
        }
    };

    @AfterEach
    void releaseWaiters() throws Exception {
        ((URLClassLoader) nodeLoader).close();
    }

    @Test
    void aNodeClassWaitsForTheRulesThenOneTheyMaySelectWaitsUntilTheyAreInPlace() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        Loading selected = new Loading(starting, SELECTED_FILE);
        Loading other = new Loading(starting, CLASS_FILE);
        awaitWaiting(selected.thread);
        awaitWaiting(other.thread);

        starting.rulesRead((loader, file) -> file == SELECTED_FILE, (loader, file) -> true);
        assertNull(other.result(), "a class no rule can select loads as it is once the rules are read");
        assertFalse(selected.loaded.isDone(), "a class a rule recording calls may select waits for the rules to be in place");

        Predicate<Class<?>> loadedAsItWas = starting.rulesInPlace(rules);
        assertArrayEquals(REWRITTEN, transform(starting, nodeLoader, "org/example/Later"), "a class loading now goes to the rules");
        awaitWaiting(selected.thread);
        assertFalse(selected.loaded.isDone(), "the waiting class goes on only when released");
        starting.release();
        assertArrayEquals(REWRITTEN, selected.result());
        assertTrue(starting.waitedSeconds() > 0, "the time the node's threads waited is counted");
        assertFalse(loadedAsItWas.test(Test.class));
    }

    @Test
    void aClassOnlyRulesActingThroughTheSignalsSelectLoadsAtOnceAndIsRewrittenAfterTheStart() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        starting.rulesRead((loader, file) -> true, (loader, file) -> false);
        assertNull(transform(starting, APP, "org/junit/jupiter/api/Test"), "it does not wait");
        assertTrue(starting.rulesInPlace(rules).test(Test.class), "it is rewritten once the rules are in place");
    }

    @Test
    void theJdksClassesAndTheAgentsOwnStartNeverWait() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        assertNull(transform(starting, null, "java/lang/Something"), "the boot loader's classes pass");
        assertNull(transform(starting, ClassLoader.getPlatformClassLoader(), "java/sql/Something"), "the platform loader's pass");
        assertNull(starting.transform(null, APP, "io/nodescope/agent/AgentLog", null, AgentLog.class.getProtectionDomain(), CLASS_FILE),
                "the agent's own pass");

        CompletableFuture<byte[]> byTheStart = new CompletableFuture<>();
        AgentThreads.newThread(() -> byTheStart.complete(transform(starting, APP, "org/junit/jupiter/api/Test")), "start").start();
        assertNull(byTheStart.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "a node class the start itself loads passes");
        Predicate<Class<?>> loadedAsItWas = starting.rulesInPlace(rules);
        assertTrue(loadedAsItWas.test(Test.class), "and is rewritten once the rules are in place");
        assertFalse(loadedAsItWas.test(AgentLog.class), "the agent's own classes are not");
    }

    @Test
    void whenTheAgentStaysOffNothingWaitsAndTheTransformerIsGone() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        Loading waiting = new Loading(starting, CLASS_FILE);
        awaitWaiting(waiting.thread);
        // Registered only now: until stayOff, the JVM would hold this test's own classes too.
        var instrumentation = ByteBuddyAgent.install();
        instrumentation.addTransformer(starting, true);

        starting.stayOff(instrumentation);
        assertNull(waiting.result());
        assertNull(transform(starting, nodeLoader, "org/example/Later"));
        assertFalse(instrumentation.removeTransformer(starting), "already removed");
    }

    @Test
    void aStartThatHangsLetsTheClassLoadAfterTheLongestWaitAndRewritesItLater() throws Exception {
        StartingTransformer starting = new StartingTransformer(TimeUnit.MILLISECONDS.toNanos(200));
        assertNull(transform(starting, APP, "org/junit/jupiter/api/Test"));
        assertTrue(starting.rulesInPlace(rules).test(Test.class), "the class loaded as it was is rewritten once the rules are in place");
    }

    @Test
    void aNodeThreadsInterruptIsKeptAndTheWaitGoesOn() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread node = new Thread(() -> {
            transform(starting, nodeLoader, "org/example/Waiting", CLASS_FILE);
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        node.start();
        awaitWaiting(node);
        node.interrupt();
        awaitWaiting(node);
        assertFalse(interruptedAfter.isDone(), "an interrupt does not end the wait");
        starting.rulesInPlace(rules);
        starting.release();
        assertTrue(interruptedAfter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the node still sees its interrupt");
    }

    /** A node's thread loading a class through the transformer. */
    private final class Loading {
        final CompletableFuture<byte[]> loaded = new CompletableFuture<>();
        final Thread thread;

        Loading(StartingTransformer starting, byte[] classFile) {
            thread = new Thread(() -> loaded.complete(transform(starting, nodeLoader, "org/example/Loaded", classFile)));
            thread.start();
        }

        byte[] result() throws Exception {
            return loaded.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Until the thread waits in the transformer (or it finished, which the caller's assertions catch). */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && thread.isAlive() && thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(5);
        }
    }

    private static byte[] transform(StartingTransformer starting, ClassLoader loader, String name) {
        return transform(starting, loader, name, CLASS_FILE);
    }

    private static byte[] transform(StartingTransformer starting, ClassLoader loader, String name, byte[] classFile) {
        try {
            return starting.transform(null, loader, name, null, null, classFile);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
