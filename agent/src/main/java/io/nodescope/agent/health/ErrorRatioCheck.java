package io.nodescope.agent.health;

import io.nodescope.agent.config.ReadinessCheck;
import io.nodescope.agent.metrics.MetricRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Of the selected calls in the last {@code window_minutes}, at most {@code max_ratio} failed; with
 * fewer than {@code min_calls} in the window the check passes, as so few calls say nothing. The
 * counts are sampled at each evaluation into a ring one window long (about one sample a second),
 * and the window's calls are the difference to the oldest sample inside it.
 */
final class ErrorRatioCheck implements Check {

    /** Samples beyond the window's seconds, for evaluations that come a little faster than once a second. */
    private static final int SPARE_SAMPLES = 8;

    private final ReadinessCheck config;
    private final MetricRegistry registry;
    private final Predicate<List<String>> okCalls;
    private final Predicate<List<String>> failedCalls;
    private final long[] times;
    private final long[] oks;
    private final long[] errors;
    /** Where the next sample goes; {@code size} samples end just before it. */
    private int next;
    private int size;

    ErrorRatioCheck(ReadinessCheck config, MetricRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.okCalls = SeriesSelector.of(config.metric(), config.labels(), "ok");
        this.failedCalls = SeriesSelector.of(config.metric(), config.labels(), "error");
        int capacity = (int) config.seconds() + SPARE_SAMPLES;
        this.times = new long[capacity];
        this.oks = new long[capacity];
        this.errors = new long[capacity];
    }

    @Override
    public CheckResult evaluate(long nowMillis) {
        long ok = registry.calls(config.metric(), okCalls);
        long failed = registry.calls(config.metric(), failedCalls);
        int oldest = oldestWithin(nowMillis - config.seconds() * 1000);
        long calls = oldest < 0 ? 0 : ok + failed - oks[oldest] - errors[oldest];
        long failures = oldest < 0 ? 0 : failed - errors[oldest];
        record(nowMillis, ok, failed);
        String window = "the last " + config.seconds() / 60 + " min";
        if (calls < config.minCalls()) {
            return new CheckResult(config.name(), config.type().configName(), true,
                    calls + " calls in " + window + ", fewer than min_calls " + config.minCalls());
        }
        double ratio = (double) failures / calls;
        return new CheckResult(config.name(), config.type().configName(), ratio <= config.maxRatio(),
                String.format(Locale.ROOT, "error ratio %.3f over %s (%d of %d calls failed, max %s)", ratio, window, failures, calls,
                        config.maxRatio()));
    }

    /** The index of the oldest sample taken at or after {@code since}, -1 when there is none. */
    private int oldestWithin(long since) {
        for (int age = size; age > 0; age--) {
            int index = Math.floorMod(next - age, times.length);
            if (times[index] >= since) {
                return index;
            }
        }
        return -1;
    }

    private void record(long nowMillis, long ok, long failed) {
        times[next] = nowMillis;
        oks[next] = ok;
        errors[next] = failed;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }
}
