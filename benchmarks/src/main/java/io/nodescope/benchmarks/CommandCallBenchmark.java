package io.nodescope.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call cost of one instrumented command call. Every benchmark makes the same call; they
 * differ only in the agent their forked JVM runs with, so each score minus {@link #uninstrumented}
 * is that agent's overhead per call. Agent and config paths are relative: run from the repo root.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class CommandCallBenchmark {
    private static final String NODESCOPE = "-javaagent:agent/target/nodescope-agent.jar=config=benchmarks/config/";
    private static final String OTEL = "-javaagent:benchmarks/target/opentelemetry-javaagent.jar";
    private static final String OTEL_METHOD = "-Dotel.instrumentation.methods.include=io.nodescope.benchmarks.PingCommand[execute]";

    private final PingCommand command = new PingCommand();
    private final Request request = new Request("op-1", "otp:2043");

    @Benchmark
    public Result uninstrumented() {
        return command.execute(request);
    }

    /** The floor of any agent that times calls: the two clock reads around the call, nothing else. */
    @Benchmark
    public long clockReadsOnly() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE + "metrics-only.toml")
    public Result nodescopeMetrics() {
        return command.execute(request);
    }

    /** Two threads calling the same method: they share its data points. The score is per call, per thread. */
    @Benchmark
    @Threads(2)
    @Fork(jvmArgsAppend = NODESCOPE + "metrics-only.toml")
    public Result nodescopeMetricsTwoThreads() {
        return command.execute(request);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE + "metrics-and-spans.toml")
    public Result nodescopeMetricsAndSpan() {
        return command.execute(request);
    }

    /** Spans are created, sampled and ended but handed to no exporter. */
    @Benchmark
    @Fork(jvmArgsAppend = {OTEL, OTEL_METHOD,
            "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"})
    public Result otelAgentNoExport() {
        return command.execute(request);
    }

    /** Like {@link #nodescopeMetricsAndSpan}: spans go to a batch exporter whose exports fail fast. */
    @Benchmark
    @Fork(jvmArgsAppend = {OTEL, OTEL_METHOD, "-Dotel.traces.exporter=otlp", "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:1",
            "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"})
    public Result otelAgentDeadOtlp() {
        return command.execute(request);
    }
}
