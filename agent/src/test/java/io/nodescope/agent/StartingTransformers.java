package io.nodescope.agent;

import java.lang.instrument.Instrumentation;

/**
 * For tests that put rules in place as the agent's start does: the transformer premain registers,
 * with the rules read and selecting nothing until they are in place, so that the test's own classes
 * load freely meanwhile.
 */
public final class StartingTransformers {

    private StartingTransformers() {
    }

    public static StartingTransformer registered(Instrumentation instrumentation) {
        StartingTransformer starting = new StartingTransformer();
        starting.rulesRead((loader, classFile) -> false, (loader, classFile) -> false);
        instrumentation.addTransformer(starting, true);
        return starting;
    }
}
