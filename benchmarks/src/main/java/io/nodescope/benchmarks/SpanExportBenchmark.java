package io.nodescope.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sampled span per call, exported: Nodescope's command rule (two attributes read from the record
 * argument, two metrics) and the OpenTelemetry agent's configured-method span on the same method,
 * both sending OTLP/HTTP to the same receiver, an {@link OtlpSink} process each fork starts on
 * 127.0.0.1:{@value #SINK_PORT} and stops.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class SpanExportBenchmark {
    static final int SINK_PORT = 14318;
    private static final String NODESCOPE = "-javaagent:agent/target/nodescope-agent.jar=config=benchmarks/config/spans-otlp-http.toml";
    private static final String OTEL = "-javaagent:benchmarks/target/opentelemetry-javaagent.jar";
    private static final String OTEL_METHOD = "-Dotel.instrumentation.methods.include=io.nodescope.benchmarks.PingCommand[execute]";

    private final PingCommand command = new PingCommand();
    private final Request request = new Request("op-1", "otp:2043");

    /** The receiver, a JVM of its own without any agent. */
    @State(Scope.Benchmark)
    public static class Sink {
        private Process process;

        @Setup(Level.Trial)
        public void start() throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            String classPath = System.getProperty("java.class.path");
            process = new ProcessBuilder(java, "-Xmx64m", "-cp", classPath, OtlpSink.class.getName(), String.valueOf(SINK_PORT))
                    .redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            if (!"listening".equals(line)) {
                process.destroyForcibly();
                throw new IllegalStateException("the OTLP sink did not start on port " + SINK_PORT + ": " + line);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE)
    public Result nodescopeSpanOtlpHttp(Sink sink) {
        return command.execute(request);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {OTEL, OTEL_METHOD, "-Dotel.traces.exporter=otlp", "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + SINK_PORT, "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"})
    public Result otelAgentSpanOtlpHttp(Sink sink) {
        return command.execute(request);
    }
}
