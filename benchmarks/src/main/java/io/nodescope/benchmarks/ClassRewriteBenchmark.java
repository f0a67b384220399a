package io.nodescope.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What rewriting costs on a node's startup path, cold: once the agent's rules are in place, the
 * first classes a rule selects are rewritten on the thread that loads them, before the JVM's JIT
 * has compiled the rewriting. Each fork measures one invocation: the ledger's six classes (22
 * selected methods) defined in a new class loader. {@link #noAgent} is the JVM's own cost of
 * defining them; a score minus it is the agent's rewriting. Run from the repository root.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
@State(Scope.Thread)
public class ClassRewriteBenchmark {
    private static final String NODESCOPE = "-javaagent:agent/target/nodescope-agent.jar=config=benchmarks/config/class-rewrite.toml";
    private static final String[] CLASSES = {"Accounts", "Transfers", "Statements", "Limits", "Audit", "Rates"};
    private static final long AGENT_START_MILLIS = 60_000;

    private final Map<String, byte[]> classFiles = new LinkedHashMap<>();

    /**
     * Reads the class files, and waits until an agent in this fork has started all it starts (its
     * start thread ended), so that only the rewriting runs beside the measured invocation.
     */
    @Setup
    public void readClassFiles() throws InterruptedException {
        for (String simpleName : CLASSES) {
            String name = "org.example.bench.ledger." + simpleName;
            try (InputStream in = ClassRewriteBenchmark.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
                classFiles.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long deadline = System.currentTimeMillis() + AGENT_START_MILLIS;
        while (agentStarting()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the agent did not start: " + System.getProperty("nodescope.agent"));
            }
            Thread.sleep(10);
        }
    }

    private static boolean agentStarting() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("nodescope-start"));
    }

    @Benchmark
    public Class<?>[] noAgent() {
        return defineAll();
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE)
    public Class<?>[] nodescope() {
        return defineAll();
    }

    private Class<?>[] defineAll() {
        LedgerLoader loader = new LedgerLoader();
        return classFiles.entrySet().stream().map(entry -> loader.define(entry.getKey(), entry.getValue())).toArray(Class<?>[]::new);
    }

    /** A loader of its own per invocation: a class can be defined once per loader. */
    private static final class LedgerLoader extends ClassLoader {
        LedgerLoader() {
            super(ClassRewriteBenchmark.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
