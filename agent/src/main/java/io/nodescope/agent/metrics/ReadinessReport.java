package io.nodescope.agent.metrics;

/** What {@code /health/ready} answers: 200 when ready, else 503, with a JSON body that says why. */
public interface ReadinessReport {

    boolean ready();

    /** The body, UTF-8 JSON. */
    byte[] json();
}
