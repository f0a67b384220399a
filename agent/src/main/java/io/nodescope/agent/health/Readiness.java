package io.nodescope.agent.health;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.ReadinessCheck;
import io.nodescope.agent.metrics.GaugePoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.ReadinessReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The configured readiness checks, evaluated together once a second on an agent thread; a request
 * to {@code /health/ready} reads the latest verdict, and {@code nodescope_ready} mirrors it. With
 * no checks configured the node is always ready.
 */
public final class Readiness implements Supplier<ReadinessReport> {

    static final long INTERVAL_MILLIS = 1_000;

    private final List<Check> checks;
    private final GaugePoint gauge;
    private final LongSupplier clock;
    private volatile ReadinessReport latest;

    Readiness(List<ReadinessCheck> configured, MetricRegistry registry, LongSupplier clock) {
        this.clock = clock;
        this.gauge = registry.self().ready();
        long start = clock.getAsLong();
        this.checks = new ArrayList<>();
        for (ReadinessCheck check : configured) {
            checks.add(check(check, registry, start));
        }
        evaluate();
    }

    /** Evaluates {@code configured} now, then every second on an agent daemon thread for as long as the JVM runs. */
    public static Readiness start(List<ReadinessCheck> configured, MetricRegistry registry) {
        Readiness readiness = new Readiness(configured, registry, System::currentTimeMillis);
        if (!configured.isEmpty()) {
            ScheduledExecutorService timer =
                    Executors.newSingleThreadScheduledExecutor(task -> AgentThreads.newThread(task, "nodescope-readiness"));
            timer.scheduleWithFixedDelay(readiness::evaluateSafely, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return readiness;
    }

    private static Check check(ReadinessCheck check, MetricRegistry registry, long start) {
        switch (check.type()) {
            case HEARTBEAT_AGE:
                return new HeartbeatAgeCheck(check, registry, start);
            case ERROR_RATIO:
                return new ErrorRatioCheck(check, registry);
            default:
                return new RecentSuccessCheck(check, registry, start);
        }
    }

    @Override
    public ReadinessReport get() {
        return latest;
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            AgentLog.warnLimited("readiness", "evaluating the readiness checks failed (" + e + "); the last verdict stands");
        }
    }

    void evaluate() {
        long now = clock.getAsLong();
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (Check check : checks) {
            results.add(check.evaluate(now));
        }
        ReadinessVerdict verdict = new ReadinessVerdict(results);
        latest = verdict;
        gauge.set(verdict.ready() ? 1 : 0);
    }
}
