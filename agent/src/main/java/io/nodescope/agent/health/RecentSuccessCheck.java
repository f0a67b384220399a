package io.nodescope.agent.health;

import io.nodescope.agent.config.ReadinessCheck;
import io.nodescope.agent.metrics.MetricRegistry;
import java.util.List;
import java.util.function.Predicate;

/**
 * A call of the selected series returned normally (status {@code ok}) within {@code within_seconds}:
 * seen as the series' count of ok calls growing between evaluations. Before the first such call
 * the time counts from the agent's start.
 */
final class RecentSuccessCheck implements Check {

    private final ReadinessCheck config;
    private final MetricRegistry registry;
    private final Predicate<List<String>> okCalls;
    private long lastCount;
    private long lastReturnMillis;
    private boolean returned;

    RecentSuccessCheck(ReadinessCheck config, MetricRegistry registry, long startMillis) {
        this.config = config;
        this.registry = registry;
        this.okCalls = SeriesSelector.of(config.metric(), config.labels(), "ok");
        this.lastCount = registry.calls(config.metric(), okCalls);
        this.lastReturnMillis = startMillis;
    }

    @Override
    public CheckResult evaluate(long nowMillis) {
        long count = registry.calls(config.metric(), okCalls);
        if (count != lastCount) {
            lastCount = count;
            lastReturnMillis = nowMillis;
            returned = true;
        }
        long agoSeconds = (nowMillis - lastReturnMillis) / 1000;
        long within = config.seconds();
        String detail = returned
                ? "last normal return " + agoSeconds + " s ago (within " + within + " s)"
                : "no normal return yet, " + agoSeconds + " s since the agent started (within " + within + " s)";
        return new CheckResult(config.name(), config.type().configName(), agoSeconds <= within, detail);
    }
}
