package io.nodescope.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The transformer the JVM calls from {@code premain} on, while the agent starts on its own thread:
 * so that {@code premain} returns at once and the node's start runs beside the agent's, yet no call
 * the node's metrics count is missed.
 *
 * <p>Until the rules are read, a class of the node waits. Once they are, a class no rule can select
 * loads at once; one that a rule recording calls may select waits until the rewriting is in place;
 * one that only rules acting through the signals select (carrying a trace, putting it in the log
 * context, exporting log records: nothing to do before the signals start, after the rules) loads at
 * once and is rewritten right after the start. The JDK's classes never wait (a JDK class may be
 * loaded while its thread holds locks the agent's start needs); those a rule selects are rewritten
 * after the start too. A class that waits longer than five seconds loads as it is and is rewritten
 * then: a start that cannot finish must not stop the node. Once the agent runs, every class goes to
 * its transformer; when it stays off, this transformer is removed.
 */
public final class StartingTransformer implements ClassFileTransformer {

    private static final long LONGEST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * The agent's own classes, in the system loader and its own loaders alike, which no rule selects
     * and {@code premain} itself loads some of: the agent jar's one protection domain, by identity.
     */
    private static final ProtectionDomain OWN = StartingTransformer.class.getProtectionDomain();

    private final CountDownLatch rulesRead = new CountDownLatch(1);
    private final CountDownLatch rulesInPlace = new CountDownLatch(1);
    private volatile BiPredicate<ClassLoader, byte[]> mayBeSelected;
    private volatile BiPredicate<ClassLoader, byte[]> mayBeRecorded;
    private volatile ClassFileTransformer rules;
    private volatile boolean off;
    /** The node's classes that loaded as they were during the start, per loader, to be rewritten once the rules are in place. */
    private final Map<ClassLoader, Set<String>> loadedAsTheyWere = new WeakHashMap<>();
    private final AtomicLong waitedNanos = new AtomicLong();
    /** Every class the JVM loaded or redefined since {@code premain}: whether the node's start still loads classes. */
    private final AtomicLong classesSeen = new AtomicLong();
    private final long longestWaitNanos;

    StartingTransformer() {
        this(LONGEST_WAIT_NANOS);
    }

    StartingTransformer(long longestWaitNanos) {
        this.longestWaitNanos = longestWaitNanos;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) throws IllegalClassFormatException {
        classesSeen.incrementAndGet();
        ClassFileTransformer running = rules;
        if (running != null) {
            return running.transform(module, loader, internalName, redefined, domain, classFile);
        }
        if (off || loader == null || loader == ClassLoader.getPlatformClassLoader() || internalName == null || domain == OWN) {
            return null;
        }
        if (Thread.currentThread().getThreadGroup() == AgentThreads.group()) {
            return loadAsItIs(module, loader, internalName, redefined, domain, classFile);  // the start cannot wait for itself
        }
        long begun = System.nanoTime();
        try {
            if (!await(rulesRead, begun)) {
                return loadAsItIs(module, loader, internalName, redefined, domain, classFile);
            }
            BiPredicate<ClassLoader, byte[]> selectable = mayBeSelected;
            if (selectable == null || !selectable.test(loader, classFile)) {
                return null;
            }
            if (!mayBeRecorded.test(loader, classFile) || !await(rulesInPlace, begun)) {
                return loadAsItIs(module, loader, internalName, redefined, domain, classFile);
            }
        } finally {
            waitedNanos.addAndGet(System.nanoTime() - begun);
        }
        running = rules;
        return running == null ? null : running.transform(module, loader, internalName, redefined, domain, classFile);
    }

    /** Lets the class load unchanged and notes it for the rules, unless they came into place meanwhile. */
    private byte[] loadAsItIs(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) throws IllegalClassFormatException {
        synchronized (loadedAsTheyWere) {
            if (rules == null) {
                if (!off) {
                    loadedAsTheyWere.computeIfAbsent(loader, key -> new HashSet<>()).add(internalName.replace('/', '.'));
                }
                return null;
            }
        }
        return rules.transform(module, loader, internalName, redefined, domain, classFile);
    }

    private boolean await(CountDownLatch latch, long begun) {
        long left = longestWaitNanos - (System.nanoTime() - begun);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return latch.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;  // the node's interrupt is for the node: kept, and the wait goes on
                    left = longestWaitNanos - (System.nanoTime() - begun);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The rules are read: from now on only the classes {@code selectable} lets through may wait, and
     * of those only the ones {@code recorded} lets through (rules that record calls may select them).
     */
    public void rulesRead(BiPredicate<ClassLoader, byte[]> selectable, BiPredicate<ClassLoader, byte[]> recorded) {
        mayBeRecorded = recorded;
        mayBeSelected = selectable;
        rulesRead.countDown();
    }

    /**
     * The rules are in place: every class goes to {@code transformer} from now on, but the classes
     * waiting go on only at {@link #release()}. Returns which loaded classes of the node's loaded as
     * they were during the start, to be rewritten now.
     */
    public Predicate<Class<?>> rulesInPlace(ClassFileTransformer transformer) {
        Map<ClassLoader, Set<String>> loaded;
        synchronized (loadedAsTheyWere) {
            rules = transformer;
            loaded = new HashMap<>(loadedAsTheyWere);
            loadedAsTheyWere.clear();
        }
        return type -> loaded.getOrDefault(type.getClassLoader(), Set.of()).contains(type.getName());
    }

    /** The classes waiting for the rules go on. */
    public void release() {
        rulesInPlace.countDown();
        rulesRead.countDown();
    }

    /** The agent stays off: nothing waits any more, and the JVM forgets this transformer. */
    void stayOff(Instrumentation instrumentation) {
        synchronized (loadedAsTheyWere) {
            off = true;
            loadedAsTheyWere.clear();
        }
        rulesRead.countDown();
        rulesInPlace.countDown();
        instrumentation.removeTransformer(this);
    }

    /** How many classes the JVM loaded or redefined since {@code premain}, the agent's own included. */
    public long classesSeen() {
        return classesSeen.get();
    }

    /** The time the node's threads waited for the agent's start, summed over threads. */
    public double waitedSeconds() {
        return waitedNanos.get() / 1e9;
    }
}
