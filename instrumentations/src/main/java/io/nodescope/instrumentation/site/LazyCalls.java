package io.nodescope.instrumentation.site;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The calls waiting for a lazy result, by the objects they watch (the result, the object the call ran
 * on). Watched objects are held weakly, so a result the node never closes is not kept alive: when
 * every object a call watches is reclaimed, the call ends as it stood at its result's last use. A
 * lookup allocates nothing and, while no call waits, reads one volatile field.
 */
public final class LazyCalls {

    /** At most this many objects are watched at once; past it a call ends when its method returns, as without {@code lazy}. */
    static final int LIMIT = 10_000;
    private static final int BUCKETS = 4096;
    private static final AtomicReferenceArray<Watch> TABLE = new AtomicReferenceArray<>(BUCKETS);
    private static final ReferenceQueue<Object> RECLAIMED = new ReferenceQueue<>();
    private static final Object LOCK = new Object();
    private static volatile int size;
    /** Makes the agent's thread that ends the calls whose watched objects were reclaimed; null in tests without an agent. */
    private static volatile Function<Runnable, Thread> threads;
    private static Thread reaper;

    private LazyCalls() {
    }

    /** The agent's threads, one of which, started with the first watched call, ends the calls of reclaimed objects. */
    public static void reclaimOn(Function<Runnable, Thread> newThread) {
        threads = newThread;
    }

    /** Watches {@code result} and {@code owner} (either may be null) for {@code call}; false when at the limit. */
    static boolean watch(Object result, Object owner, PendingCall call) {
        synchronized (LOCK) {
            boolean both = result != null && owner != null && owner != result;
            int count = both ? 2 : 1;
            if (size + count > LIMIT) {
                return false;
            }
            reclaimLater();
            Watch[] watches = new Watch[count];
            watches[0] = add(result != null ? result : owner, call);
            if (both) {
                watches[1] = add(owner, call);
            }
            call.watches = watches;
            return true;
        }
    }

    /** A watched object was used (a row read): a call abandoned later is timed up to its last use. */
    public static void used(Object self) {
        if (size == 0) {
            return;
        }
        for (Watch watch = TABLE.get(bucket(self)); watch != null; watch = watch.next) {
            if (watch.get() == self) {
                watch.call.used();
            }
        }
    }

    /** A watched object was used up or closed ({@code thrown} null), or failed: the calls watching it end. */
    public static void ended(Object self, Throwable thrown) {
        if (size == 0) {
            return;
        }
        for (Watch watch = TABLE.get(bucket(self)); watch != null; watch = watch.next) {
            if (watch.get() == self) {
                watch.call.end(thrown);
            }
        }
    }

    /** Stops watching the objects of a call that ended. */
    static void unwatch(PendingCall call) {
        synchronized (LOCK) {
            for (Watch watch : call.watches) {
                watch.clear();  // no longer enqueued when reclaimed
                remove(watch);
            }
        }
    }

    private static Watch add(Object watched, PendingCall call) {
        int bucket = bucket(watched);
        Watch watch = new Watch(watched, bucket, call, TABLE.get(bucket));
        call.watching();
        TABLE.set(bucket, watch);
        size++;
        return watch;
    }

    /** Unlinks a watch from its bucket; false when it was no longer there. */
    private static boolean remove(Watch watch) {
        Watch previous = null;
        for (Watch at = TABLE.get(watch.bucket); at != null; previous = at, at = at.next) {
            if (at == watch) {
                if (previous == null) {
                    TABLE.set(watch.bucket, at.next);
                } else {
                    previous.next = at.next;
                }
                size--;
                return true;
            }
        }
        return false;
    }

    private static int bucket(Object watched) {
        int hash = System.identityHashCode(watched);
        return (hash ^ hash >>> 16) & (BUCKETS - 1);
    }

    /** Starts the thread that ends abandoned calls, or, with none to start, ends those already reclaimed. Under the lock. */
    private static void reclaimLater() {
        if (reaper != null) {
            return;
        }
        Function<Runnable, Thread> newThread = threads;
        if (newThread == null) {
            for (Watch watch = (Watch) RECLAIMED.poll(); watch != null; watch = (Watch) RECLAIMED.poll()) {
                reclaimed(watch);
            }
            return;
        }
        reaper = newThread.apply(LazyCalls::reclaimForever);
        reaper.start();
    }

    private static void reclaimForever() {
        while (true) {
            try {
                reclaimed((Watch) RECLAIMED.remove());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failure recording one call must not stop the others being recorded
            }
        }
    }

    private static void reclaimed(Watch watch) {
        boolean removed;
        synchronized (LOCK) {
            removed = remove(watch);
        }
        if (removed) {
            watch.call.reclaimed();
        }
    }

    /** One watched object, weakly held, in its bucket's chain. */
    static final class Watch extends WeakReference<Object> {
        final int bucket;
        final PendingCall call;
        volatile Watch next;

        Watch(Object watched, int bucket, PendingCall call, Watch next) {
            super(watched, RECLAIMED);
            this.bucket = bucket;
            this.call = call;
            this.next = next;
        }
    }
}
