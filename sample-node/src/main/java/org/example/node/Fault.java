package org.example.node;

import java.util.Arrays;
import java.util.Optional;

/** A failure the node can be told to act out, so that operators can see their alerts react to it. */
enum Fault {
    /** Peers stop delivering collections: every sync run fails and the sync heartbeat stands still. */
    SYNC_STALL("sync-stall");

    private final String optionValue;

    Fault(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value naming it after {@code --fault}, e.g. {@code sync-stall}. */
    String optionValue() {
        return optionValue;
    }

    static Optional<Fault> named(String optionValue) {
        return Arrays.stream(values()).filter(fault -> fault.optionValue.equals(optionValue)).findFirst();
    }
}
