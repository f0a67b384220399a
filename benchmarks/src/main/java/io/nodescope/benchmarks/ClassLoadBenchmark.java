package io.nodescope.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a class no rule selects costs when it loads: each invocation defines one class (its bytes
 * read once) in a new class loader, so the JVM parses it and hands it to the agent's transformer
 * every time. The benchmarks differ only in the agent of their fork; a score minus
 * {@link #noAgent}'s is that agent's cost per class loaded, the JVM's copy of the class file for
 * the transformer included. Run from the repository root.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ClassLoadBenchmark {
    private static final String NODESCOPE = "-javaagent:agent/target/nodescope-agent.jar=config=benchmarks/config/class-load.toml";
    private static final String OTEL = "-javaagent:benchmarks/target/opentelemetry-javaagent.jar";

    /** A class naming only {@code Object}, and one implementing a JDK interface, whose ancestors a supertype rule reads. */
    @Param({"org.example.bench.Plain", "org.example.bench.Worker"})
    public String className;

    private byte[] classFile;

    @Setup
    public void readClassFile() {
        try (InputStream in = ClassLoadBenchmark.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            classFile = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Class<?> noAgent() {
        return new OneClassLoader().define(className, classFile);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE)
    public Class<?> nodescope() {
        return new OneClassLoader().define(className, classFile);
    }

    @Benchmark
    @Fork(jvmArgsAppend = {OTEL, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"})
    public Class<?> openTelemetry() {
        return new OneClassLoader().define(className, classFile);
    }

    /** A loader of its own per class: a class can be defined once per loader. */
    private static final class OneClassLoader extends ClassLoader {
        OneClassLoader() {
            super(ClassLoadBenchmark.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
