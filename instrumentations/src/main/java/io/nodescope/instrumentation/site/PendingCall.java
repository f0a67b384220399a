package io.nodescope.instrumentation.site;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call whose method returned a lazy result: recorded, and its span ended, once, by whichever comes
 * first of its result used up, closed or failed, the object it ran on closed, or both reclaimed.
 */
final class PendingCall {

    private final SubjectHandle<?> handle;
    private final SubjectHandle.Series series;
    /** Null when the call opened no span. */
    private final Span span;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Watched objects not yet reclaimed; at 0 the call is abandoned. */
    private final AtomicInteger watched = new AtomicInteger();
    /** When the result was last seen in use: an abandoned call is timed up to here. */
    private volatile long lastUse;
    /** The table's entries for this call, removed when it ends; set under the table's lock. */
    LazyCalls.Watch[] watches = new LazyCalls.Watch[0];

    PendingCall(SubjectHandle<?> handle, SubjectHandle.Series series, Span span, long startNanos) {
        this.handle = handle;
        this.series = series;
        this.span = span;
        this.startNanos = startNanos;
        this.lastUse = System.nanoTime();
    }

    void used() {
        lastUse = System.nanoTime();
    }

    void watching() {
        watched.incrementAndGet();
    }

    /** Ends the call now: its result used up or closed ({@code thrown} null), or failed. False when it had already ended. */
    boolean end(Throwable thrown) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        LazyCalls.unwatch(this);
        handle.recordEnded(series, span, System.nanoTime() - startNanos, thrown, 0);
        return true;
    }

    /** One of its watched objects was reclaimed unclosed; with the last, the call ends as it stood at its last use. */
    void reclaimed() {
        if (watched.decrementAndGet() == 0 && ended.compareAndSet(false, true)) {
            long now = System.nanoTime();
            long last = lastUse;
            handle.recordEnded(series, span, last - startNanos, null, now - last);
        }
    }
}
