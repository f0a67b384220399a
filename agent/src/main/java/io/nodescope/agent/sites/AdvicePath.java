package io.nodescope.agent.sites;

import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.ValueReader;
import io.nodescope.instrumentation.site.ValuesOnlyBinding;
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

    static void warmUp() {
        AgentThreads.state();
        MetricRegistry registry = new MetricRegistry("warm-up", 2, Map.of());
        Map<String, ValueReader> values = Map.of("command", constant("warm-up"), "stage", constant("warm-up"),
                "processed", constant("2"), "result", constant("ok"), "queue_depth", constant("1"));
        SiteBinding site = new ValuesOnlyBinding(registry, values);
        for (CallHandle handle : new CallHandle[] {Kinds.COMMAND.bind(site), Kinds.SYNC_HEARTBEAT.bind(site),
                Kinds.SYNC_STAGE.bind(site)}) {
            for (Throwable thrown : new Throwable[] {null, new Exception()}) {
                handle.exit(System.nanoTime(), handle.enter(null, null), null, null, null, thrown);
            }
        }
        // $class of a method that may run on a subclass: named from the runtime class, generated or not.
        CompiledValue.compile(ValueExpression.parse("$class"), new MethodShape("warm.up.Base", "run"), null, "warm-up")
                .read(registry, null, null);
        // The exemplar of a sampled call, without linking OpenTelemetry classes a node with traces off never needs.
        registry.histogram(Catalog.COMMAND_DURATION, List.of("warm-up", "ok")).observe(1e-6, "trace", "span");
    }

    /** The agent's own reader of a constant, the one rules use. */
    private static ValueReader constant(String text) {
        return CompiledValue.compile(ValueExpression.parse(text), null, null, "warm-up");
    }
}
