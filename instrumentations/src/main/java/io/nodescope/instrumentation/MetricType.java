package io.nodescope.instrumentation;

/** The Prometheus type a catalog metric is exposed as. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM
}
