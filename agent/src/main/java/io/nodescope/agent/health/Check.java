package io.nodescope.agent.health;

/** A readiness condition read from the agent's registry, evaluated about once a second, never per node call. */
interface Check {

    /** The verdict at {@code nowMillis} (epoch milliseconds); called from one thread at a time. */
    CheckResult evaluate(long nowMillis);
}
