package org.example.node.sync;

import java.util.concurrent.atomic.AtomicLong;

/** How far the node's replication from the network has got; today just when it last succeeded. */
public class SyncState {
    private final AtomicLong lastSuccessMillis = new AtomicLong();

    public void recordSuccess(long epochMillis) {
        lastSuccessMillis.accumulateAndGet(epochMillis, Math::max);
    }

    /** Epoch milliseconds of the last successful sync, or 0 if none has succeeded yet. */
    public long lastSuccessMillis() {
        return lastSuccessMillis.get();
    }
}
