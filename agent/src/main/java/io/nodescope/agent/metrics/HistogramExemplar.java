package io.nodescope.agent.metrics;

/** A value observed inside a sampled span, and that span: the link from a histogram bucket to a trace. */
final class HistogramExemplar {

    final double value;
    final String traceId;
    final String spanId;
    final long epochMillis;

    HistogramExemplar(double value, String traceId, String spanId, long epochMillis) {
        this.value = value;
        this.traceId = traceId;
        this.spanId = spanId;
        this.epochMillis = epochMillis;
    }
}
