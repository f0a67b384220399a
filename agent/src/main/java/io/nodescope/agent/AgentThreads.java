package io.nodescope.agent;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Where the agent itself works: its own threads, and the moments a node's thread runs the agent's
 * code (advice, a value read, a class transformed). Advice that fires there is the agent reaching a
 * selected method through its own work (a getter read for a label, a {@code toString}, a handler of
 * its own HTTP server, a class loaded to link a span) and is left unrecorded, so that no rule can
 * make the agent count itself or re-enter itself.
 */
public final class AgentThreads {

    /**
     * The agent's threads and every thread they start (the exporters', the HTTP server's), which
     * inherit the group. A fork-join worker is excluded: the common pool's workers inherit the group of
     * whichever thread first made the pool grow, and then run the node's tasks.
     */
    private static final ThreadGroup GROUP = new ThreadGroup("nodescope");
    /** In a thread's {@link #state()}: 1 while the agent works on it, always 1 on the agent's own threads. */
    public static final int WORKING = 0;
    /** In a thread's {@link #state()}: 1 while the agent's class transformer runs on the thread. */
    public static final int TRANSFORMING = 1;
    /** Where the calls in progress per kind are counted from. */
    private static final int FIRST_DEPTH = 2;
    /** One array per thread, changed in place: a lookup per call, not a set and a remove. */
    private static final ThreadLocal<int[]> STATE = new ThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            Thread thread = Thread.currentThread();
            int[] state = new int[FIRST_DEPTH + Kinds.all().size()];
            state[WORKING] = thread.getThreadGroup() == GROUP && !(thread instanceof ForkJoinWorkerThread) ? 1 : 0;
            return state;
        }
    };

    private AgentThreads() {
    }

    /** A daemon thread of the agent's, which never keeps the node's JVM alive and is never instrumented. */
    public static Thread newThread(Runnable task, String name) {
        Thread thread = new Thread(GROUP, task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The agent's threads' group; a node's thread is never in it. */
    static ThreadGroup group() {
        return GROUP;
    }

    /**
     * The current thread's state: {@link #WORKING}, set while the agent works on the thread (and
     * always on the agent's own threads; whoever sets it restores the value it found),
     * {@link #TRANSFORMING}, then, at {@link #depthSlot}, how many calls of each kind are in
     * progress on the thread.
     */
    public static int[] state() {
        return STATE.get();
    }

    /** Where a thread's {@link #state()} counts the calls of {@code kind} in progress. */
    public static int depthSlot(Kind kind) {
        return FIRST_DEPTH + Kinds.all().indexOf(kind);
    }
}
