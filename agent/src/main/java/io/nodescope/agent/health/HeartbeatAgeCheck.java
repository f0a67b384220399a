package io.nodescope.agent.health;

import io.nodescope.agent.config.ReadinessCheck;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.MetricDefinition;
import java.util.List;
import java.util.function.Predicate;

/**
 * A heartbeat gauge (Unix seconds) is at most {@code max_age_seconds} old. Before the first beat
 * the age counts from the agent's start, so that a node that has just started is given the same
 * time to beat once as it has between beats.
 */
final class HeartbeatAgeCheck implements Check {

    private final ReadinessCheck config;
    private final MetricRegistry registry;
    private final Predicate<List<String>> series;
    private final long startMillis;

    HeartbeatAgeCheck(ReadinessCheck config, MetricRegistry registry, long startMillis) {
        this.config = config;
        this.registry = registry;
        this.series = SeriesSelector.of(config.metric(), config.labels(), null);
        this.startMillis = startMillis;
    }

    @Override
    public CheckResult evaluate(long nowMillis) {
        MetricDefinition metric = config.metric();
        double beat = registry.highest(metric, series);
        long max = config.seconds();
        boolean beaten = beat > 0;
        long ageSeconds = (nowMillis - (beaten ? (long) (beat * 1000) : startMillis)) / 1000;
        boolean ok = ageSeconds <= max;
        String detail = beaten
                ? "heartbeat " + ageSeconds + " s old (max " + max + " s)"
                : "no heartbeat yet, " + ageSeconds + " s since the agent started (max " + max + " s)";
        return new CheckResult(config.name(), config.type().configName(), ok, detail);
    }
}
