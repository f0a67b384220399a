package io.nodescope.agent.otlp;

import io.nodescope.agent.AgentLog;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Holds back the OTLP exporters' senders (the HTTP client, or OkHttp with Kotlin for gRPC: some
 * 250 classes) until the node's start has settled, so that spans and log records made meanwhile
 * are queued by the SDK, sent once it opens, and the senders' CPU does not come out of that start.
 * It opens at once when the JVM exits first, and makes the senders then, so that what is queued
 * still goes.
 */
public final class SendersGate {

    /** A gate never opened (a start that hangs) lets the senders go after this long. */
    private static final long LONGEST_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final CountDownLatch open = new CountDownLatch(1);
    private final List<Later<?>> laters = new CopyOnWriteArrayList<>();
    private final List<Runnable> whenOpen = new CopyOnWriteArrayList<>();
    private final AtomicBoolean opened = new AtomicBoolean();

    /** From now on exporters make their senders when they first send; what waits for the gate runs now, on this thread. */
    public void open() {
        if (!opened.compareAndSet(false, true)) {
            return;
        }
        open.countDown();
        for (Runnable then : whenOpen) {
            run(then);
        }
    }

    /** Runs {@code then} when the gate opens, or now if it is open: it may run twice, so it must not mind. */
    public void whenOpen(Runnable then) {
        whenOpen.add(then);
        if (opened.get()) {
            run(then);
        }
    }

    private static void run(Runnable then) {
        try {
            then.run();
        } catch (RuntimeException | LinkageError e) {
            AgentLog.error("could not start exporting (" + e + "); the node runs on and calls are still measured");
        }
    }

    /**
     * Opens the gate as the JVM exits, and makes here the exporters not made yet: what is queued is
     * then sent within the time the exit allows a backend, which making a sender cold (loading its
     * classes) would otherwise take up.
     */
    public void openToExit() {
        open();
        for (Later<?> later : laters) {
            later.make();
        }
    }

    /** An exporter made by {@code make} when it is first needed and the gate is open; {@code what} names it in an error. */
    <E> Later<E> later(String what, Supplier<E> make) {
        Later<E> later = new Later<>(what, make);
        laters.add(later);
        return later;
    }

    /** One exporter made late; the first caller after the gate opens makes it. */
    final class Later<E> {

        private final String what;
        private final Supplier<E> make;
        private volatile E made;
        /** It could not be made: said once, and every export after fails at once. */
        private volatile boolean failed;

        private Later(String what, Supplier<E> make) {
            this.what = what;
            this.make = make;
        }

        /**
         * {@code export} done by the exporter, made first if need be, waiting for the gate (on the
         * SDK's export thread, never the node's); a failure when it cannot be made.
         */
        CompletableResultCode export(Function<E, CompletableResultCode> export) {
            E exporter = made != null ? made : makeOnceOpen();
            return exporter == null ? CompletableResultCode.ofFailure() : export.apply(exporter);
        }

        /** {@code call} done by the exporter if one was made; else there is nothing to flush or shut down. */
        CompletableResultCode ifMade(Function<E, CompletableResultCode> call) {
            E exporter = made;
            return exporter == null ? CompletableResultCode.ofSuccess() : call.apply(exporter);
        }

        /** The exporter once the gate is open, or null when it cannot be made. */
        private E makeOnceOpen() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        open.await(LONGEST_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return make();
        }

        /** The exporter, made now if it was not, or null when it cannot be made. */
        private synchronized E make() {
            if (made == null && !failed) {
                try {
                    made = make.get();
                } catch (RuntimeException | LinkageError e) {
                    failed = true;
                    AgentLog.error("could not make the " + what + " (" + e + "); nothing of it is sent, the node runs on");
                }
            }
            return made;
        }
    }
}
