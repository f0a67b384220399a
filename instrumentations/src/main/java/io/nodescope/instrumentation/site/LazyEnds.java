package io.nodescope.instrumentation.site;

/**
 * What a call whose work goes on after its method returns waits for ({@code lazy} in a rule): its
 * result, watched until used up, closed or failed, and the object it ran on, watched until closed.
 */
public final class LazyEnds {

    public static final LazyEnds NONE = new LazyEnds(false, false);

    private final boolean result;
    private final boolean self;

    private LazyEnds(boolean result, boolean self) {
        this.result = result;
        this.self = self;
    }

    /** {@code result}: the return value is watched; {@code self}: the object the method ran on is. */
    public static LazyEnds of(boolean result, boolean self) {
        return result || self ? new LazyEnds(result, self) : NONE;
    }

    boolean readsReturn() {
        return result;
    }

    /** The return value when it is watched, else null. */
    Object result(Object returned) {
        return result ? returned : null;
    }

    /** The object the method ran on when it is watched, else null. */
    Object owner(Object self) {
        return this.self ? self : null;
    }

    /** Whether this call has anything to wait for: a watched result it returned, or a watched object it ran on. */
    boolean waitsFor(Object self, Object returned) {
        return result && returned != null || this.self && self != null;
    }
}
