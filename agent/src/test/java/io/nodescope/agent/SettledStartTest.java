package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The signals start once the node's class loading settles, or at the latest while it goes on:
 * classes are counted as {@link StartingTransformer} sees them.
 */
class SettledStartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A class of the JDK's, loaded as it is: only counted. */
    private static void load(StartingTransformer starting, String name) {
        try {
            starting.transform(null, null, name, null, null, new byte[0]);
        } catch (java.lang.instrument.IllegalClassFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQuietStartIsSettledNotLetGoAtTheLatest() {
        assertTrue(SettledStart.await(new StartingTransformer(), System.nanoTime()), "no class loading: settled");
    }

    @Test
    void aStartThatKeepsLoadingClassesIsTakenAsSettledAtTheLatest() throws Exception {
        StartingTransformer starting = new StartingTransformer();
        AtomicBoolean loading = new AtomicBoolean(true);
        // Threads of their own: the common pool may have a single worker, which the loading would keep.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> node = threads.submit(() -> {
                while (loading.get()) {
                    for (int i = 0; i < 100; i++) {
                        load(starting, "org/example/C" + i);
                    }
                    Thread.onSpinWait();
                }
            });
            // Begun long ago: the latest is a second away.
            long begun = System.nanoTime() - SettledStart.LATEST_NANOS + TimeUnit.SECONDS.toNanos(1);
            long before = starting.classesSeen();
            boolean settled = threads.submit(() -> SettledStart.await(starting, begun)).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertFalse(settled, "let go at the latest, not settled, while classes kept loading");
            assertTrue(starting.classesSeen() - before > 1000, "classes loaded all along: " + (starting.classesSeen() - before));
            loading.set(false);
            node.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            loading.set(false);
            threads.shutdownNow();
        }
    }
}
