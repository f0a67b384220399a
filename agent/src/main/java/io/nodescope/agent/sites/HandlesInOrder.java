package io.nodescope.agent.sites;

import io.nodescope.instrumentation.site.CallHandle;

/**
 * The handles of a method several rules select, entered in order and exited in reverse, so that a
 * caller's trace made current by one is the parent of the span another opens.
 */
final class HandlesInOrder implements CallHandle {

    private final CallHandle[] handles;

    HandlesInOrder(CallHandle[] handles) {
        this.handles = handles;
    }

    @Override
    public boolean worksOnEntry() {
        for (CallHandle handle : handles) {
            if (handle.worksOnEntry()) {
                return true;
            }
        }
        return false;
    }

    /** Each handle's state, or null when none has any (no allocation when no span is open). */
    @Override
    public Object enter(Object self, Object[] arguments) {
        Object[] states = null;
        for (int i = 0; i < handles.length; i++) {
            Object state = handles[i].enter(self, arguments);
            if (state != null) {
                if (states == null) {
                    states = new Object[handles.length];
                }
                states[i] = state;
            }
        }
        return states;
    }

    @Override
    public void exit(long startNanos, Object state, Object self, Object[] arguments, Object returned, Throwable thrown) {
        exitFrom(handles.length - 1, startNanos, (Object[]) state, self, arguments, returned, thrown);
    }

    /** Every handle exits, whatever one before it threw: each closes what its enter made current. */
    private void exitFrom(int index, long startNanos, Object[] states, Object self, Object[] arguments, Object returned,
            Throwable thrown) {
        try {
            handles[index].exit(startNanos, states == null ? null : states[index], self, arguments, returned, thrown);
        } finally {
            if (index > 0) {
                exitFrom(index - 1, startNanos, states, self, arguments, returned, thrown);
            }
        }
    }

    @Override
    public boolean readsArguments() {
        for (CallHandle handle : handles) {
            if (handle.readsArguments()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean readsReturn() {
        for (CallHandle handle : handles) {
            if (handle.readsReturn()) {
                return true;
            }
        }
        return false;
    }
}
