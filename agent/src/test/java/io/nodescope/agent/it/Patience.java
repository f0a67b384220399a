package io.nodescope.agent.it;

import java.time.Duration;

/**
 * Deadlines for the states integration tests wait for. Each wait ends as soon as its state holds,
 * so a generous deadline costs nothing on a fast machine and keeps a slow or busy one from failing
 * a test that would have passed a little later.
 */
final class Patience {

    /** For a JVM, or a Prometheus, to start and listen or scrape. */
    static final Duration START = Duration.ofSeconds(90);
    /** For data to arrive: a workload's summary, metrics or spans a test waits for. */
    static final Duration DATA = Duration.ofMinutes(3);

    private Patience() {
    }
}
