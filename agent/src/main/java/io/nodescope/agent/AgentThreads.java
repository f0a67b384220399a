package io.nodescope.agent;

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
    /** One flag per thread flipped in place: a lookup per call, not a set and a remove. */
    private static final ThreadLocal<boolean[]> WORKING = new ThreadLocal<>() {
        @Override
        protected boolean[] initialValue() {
            Thread thread = Thread.currentThread();
            return new boolean[] {thread.getThreadGroup() == GROUP && !(thread instanceof ForkJoinWorkerThread)};
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

    /**
     * The current thread's flag: true while the agent works on it, and always on the agent's own
     * threads. Whoever sets it restores the value it found.
     */
    public static boolean[] working() {
        return WORKING.get();
    }
}
