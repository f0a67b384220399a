package io.nodescope.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-call cost of the paths the catalog's later kinds add: a sync stage counting a
 * result map with a live queue gauge, the same with a rule set that reaches the JDK (every site
 * then runs behind a re-entrancy guard), and handing a task to an executor with traces on.
 * As in {@link CommandCallBenchmark}, benchmarks differ only in their fork's agent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class NewKindsBenchmark {
    private static final String NODESCOPE = "-javaagent:agent/target/nodescope-agent.jar=config=benchmarks/config/";

    private final PassStage stage = new PassStage();
    private final List<String> batch = List.of("kc-1", "kc-2", "kc-3", "kc-4");
    private final DirectExecutor executor = new DirectExecutor();
    private Blackhole blackhole;
    private final Runnable task = () -> blackhole.consume(1);

    @Benchmark
    public Map<String, Integer> stageUninstrumented() {
        return stage.process(batch);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE + "sync-stage.toml")
    public Map<String, Integer> stageMetrics() {
        return stage.process(batch);
    }

    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE + "sync-stage-jdk-rules.toml")
    public Map<String, Integer> stageMetricsWithJdkRules() {
        return stage.process(batch);
    }

    @Benchmark
    public void executeUninstrumented(Blackhole hole) {
        blackhole = hole;
        executor.execute(task);
    }

    /** Traces on, no span current: the hand-off finds nothing to carry and passes the task on. */
    @Benchmark
    @Fork(jvmArgsAppend = NODESCOPE + "handoff.toml")
    public void executeWithHandOff(Blackhole hole) {
        blackhole = hole;
        executor.execute(task);
    }
}
