package io.nodescope.agent.sites;

import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kinds;
import java.util.List;
import java.util.Map;

/**
 * Runs the per-call path once before the first method is instrumented, so that its classes are
 * loaded and its call sites linked. A rule may select a JDK method that class loading itself calls
 * (a checksum of the jar being read); advice that loaded or linked lazily there would re-enter
 * class loading from inside class loading.
 */
final class AdvicePath {

    private AdvicePath() {
    }

    private static CompiledValue constant(String text) {
        return CompiledValue.compile(ValueExpression.parse(text), null, null, "warm-up");
    }

    static void warmUp() {
        AgentThreads.working();
        MetricRegistry registry = new MetricRegistry("warm-up", 2, Map.of());
        Map<String, CompiledValue> values = Map.of("processed", constant("2"), "result", constant("ok"),
                "queue_depth", constant("1"));
        for (boolean ok : new boolean[] {true, false}) {
            new SubjectSeries(Kinds.COMMAND, "warm-up", registry, Map.of()).record(ok, 1_000, null, null, null, null);
            new SubjectSeries(Kinds.SYNC_HEARTBEAT, null, registry, Map.of()).record(ok, 1_000, null, null, null, null);
            new SubjectSeries(Kinds.SYNC_STAGE, "warm-up", registry, values).record(ok, 1_000, null, null, null, null);
        }
        // The exemplar of a sampled call, without linking OpenTelemetry classes a node with traces off never needs.
        registry.histogram(Catalog.COMMAND_DURATION).series(List.of("warm-up", "ok")).observe(1e-6, "trace", "span");
        new SpanScope(null, null, null, null);
        new TracerSlot().tracer();
    }
}
