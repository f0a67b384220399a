package io.nodescope.agent.metrics;

import io.nodescope.instrumentation.MetricDefinition;
import java.util.List;
import java.util.function.DoubleSupplier;

/** The agent's metrics about itself, exposed beside the catalog. */
public final class SelfMetrics {

    static final MetricDefinition BUILD_INFO =
            MetricDefinition.gauge("nodescope_build_info", "Nodescope agent build; the value is always 1.", "version");
    static final MetricDefinition INSTRUMENTED_METHODS =
            MetricDefinition.gauge("nodescope_instrumented_methods", "Methods currently instrumented, by rule.", "rule");
    static final MetricDefinition ADVICE_ERRORS =
            MetricDefinition.counter("nodescope_advice_errors_total", "Errors inside the agent's advice, caught before they reached the node.");
    static final MetricDefinition SERIES_OVERFLOW =
            MetricDefinition.counter("nodescope_series_overflow_total",
                    "Recordings sent to a metric's overflow series because it reached its series limit.", "metric");
    static final MetricDefinition SPAN_EXPORT_FAILURES =
            MetricDefinition.counter("nodescope_span_export_failures_total", "Span batches the OTLP backend did not accept.");

    static final MetricDefinition METRIC_EXPORT_FAILURES =
            MetricDefinition.counter("nodescope_metric_export_failures_total", "OTLP metric pushes that failed or the backend did not accept.");

    static final MetricDefinition LOG_EXPORT_FAILURES =
            MetricDefinition.counter("nodescope_log_export_failures_total", "Log record batches the OTLP backend did not accept.");

    static final MetricDefinition LOG_RECORDS_DROPPED =
            MetricDefinition.counter("nodescope_log_records_dropped_total",
                    "Log records not exported because the export queue was full, as when the OTLP backend is slow or down.");

    static final MetricDefinition CLASS_TRANSFORMS =
            MetricDefinition.agentStepHistogram("nodescope_class_transform_duration_seconds",
                    "Time the agent's class transformer took per class the JVM handed it, by result: skipped (ruled out by"
                            + " name or class file header), examined (described, no rule selected a method), rewritten, failed.",
                    "result");

    static final MetricDefinition RULE_REWRITES =
            MetricDefinition.agentStepHistogram("nodescope_rule_rewrite_duration_seconds",
                    "Time rewriting each class a rule selected methods of, by rule (a class two rules select counts for both).",
                    "rule");

    static final MetricDefinition PREMAIN =
            MetricDefinition.gauge("nodescope_premain_seconds",
                    "Time the agent's premain took on the JVM's main thread, before the node's main (reading the config's telemetry sections); the rest of its start runs on its own thread.");

    static final MetricDefinition RULES_IN_PLACE =
            MetricDefinition.gauge("nodescope_rules_in_place_seconds",
                    "Time from the agent's premain until its rules were in place, on the agent's own thread beside the node's start.");

    static final MetricDefinition START_WAIT =
            MetricDefinition.gauge("nodescope_start_wait_seconds",
                    "Time the node's threads spent, summed, in the agent's start: waiting for its rules and, once read, filtering their classes.");

    static final MetricDefinition SPANS_BEFORE_START =
            MetricDefinition.counter("nodescope_spans_before_start_total",
                    "Spans not opened because the OpenTelemetry SDK was still starting; their calls were measured.");

    static final MetricDefinition SPANS_DROPPED =
            MetricDefinition.counter("nodescope_spans_dropped_total",
                    "Spans dropped because the export queue was full, as when the OTLP backend is slow or down.");

    static final MetricDefinition TRANSFORM_FAILURES =
            MetricDefinition.counter("nodescope_transform_failures_total",
                    "Classes the agent could not describe or rewrite for a rule; each runs as it was, uninstrumented.");

    static final MetricDefinition SAMPLING_BUFFER_OVERFLOW =
            MetricDefinition.counter("nodescope_sampling_buffer_overflow_total",
                    "Spans the keep_errors sampler dropped because its buffer of traces awaiting a decision was full.");

    static final MetricDefinition READY =
            MetricDefinition.gauge("nodescope_ready", "1 while every readiness check passes (/health/ready answers 200), else 0.");

    static final List<MetricDefinition> ALL =
            List.of(BUILD_INFO, INSTRUMENTED_METHODS, ADVICE_ERRORS, SERIES_OVERFLOW, SPAN_EXPORT_FAILURES, SPANS_DROPPED, TRANSFORM_FAILURES,
                    METRIC_EXPORT_FAILURES, LOG_EXPORT_FAILURES, LOG_RECORDS_DROPPED, CLASS_TRANSFORMS, RULE_REWRITES, PREMAIN, RULES_IN_PLACE, START_WAIT,
                    SPANS_BEFORE_START, SAMPLING_BUFFER_OVERFLOW, READY);

    private final MetricRegistry registry;
    private final CounterPoint adviceErrors;
    private final CounterPoint spanExportFailures;
    private final CounterPoint spansDropped;
    private final CounterPoint spansBeforeStart;
    private final CounterPoint transformFailures;
    private final CounterPoint metricExportFailures;
    private final CounterPoint logExportFailures;
    private final CounterPoint logRecordsDropped;
    private final CounterPoint samplingBufferOverflow;
    private final GaugePoint ready;

    SelfMetrics(MetricRegistry registry, String version) {
        this.registry = registry;
        registry.gauge(BUILD_INFO).series(version).set(1);
        this.adviceErrors = registry.counter(ADVICE_ERRORS).series();
        this.spanExportFailures = registry.counter(SPAN_EXPORT_FAILURES).series();
        this.spansDropped = registry.counter(SPANS_DROPPED).series();
        this.spansBeforeStart = registry.counter(SPANS_BEFORE_START).series();
        this.transformFailures = registry.counter(TRANSFORM_FAILURES).series();
        this.metricExportFailures = registry.counter(METRIC_EXPORT_FAILURES).series();
        this.logExportFailures = registry.counter(LOG_EXPORT_FAILURES).series();
        this.logRecordsDropped = registry.counter(LOG_RECORDS_DROPPED).series();
        this.samplingBufferOverflow = registry.counter(SAMPLING_BUFFER_OVERFLOW).series();
        this.ready = registry.gauge(READY).series();
    }

    public CounterPoint adviceErrors() {
        return adviceErrors;
    }

    public CounterPoint spanExportFailures() {
        return spanExportFailures;
    }

    public CounterPoint spansDropped() {
        return spansDropped;
    }

    public CounterPoint metricExportFailures() {
        return metricExportFailures;
    }

    public CounterPoint logExportFailures() {
        return logExportFailures;
    }

    public CounterPoint logRecordsDropped() {
        return logRecordsDropped;
    }

    /** Where a class's transform time goes, by its {@code result}. */
    public HistogramPoint classTransform(String result) {
        return registry.histogram(CLASS_TRANSFORMS).series(result);
    }

    public HistogramPoint ruleRewrite(String rule) {
        return registry.histogram(RULE_REWRITES).series(rule);
    }

    public GaugePoint premain() {
        return registry.gauge(PREMAIN).series();
    }

    public GaugePoint rulesInPlace() {
        return registry.gauge(RULES_IN_PLACE).series();
    }

    /** {@code waited}: read at every scrape, as a node's thread may still wait for a class after the start. */
    public void startWait(DoubleSupplier waited) {
        registry.gauge(START_WAIT).series().follow(waited);
    }

    public CounterPoint spansBeforeStart() {
        return spansBeforeStart;
    }

    public CounterPoint transformFailures() {
        return transformFailures;
    }

    public CounterPoint samplingBufferOverflow() {
        return samplingBufferOverflow;
    }

    public GaugePoint ready() {
        return ready;
    }

    public GaugePoint instrumentedMethods(String rule) {
        return registry.gauge(INSTRUMENTED_METHODS).series(rule);
    }
}
