package io.nodescope.agent.transform;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.bootstrap.Dispatch;
import io.nodescope.instrumentation.site.Spans;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;

/** A config's rules installed in this JVM, metrics only, as the agent installs them; closing removes the transformer. */
final class InstalledRules implements AutoCloseable {

    final MetricRegistry registry;
    private final Instrumentation instrumentation;
    private final ClassFileTransformer transformer;

    private InstalledRules(MetricRegistry registry, Instrumentation instrumentation, ClassFileTransformer transformer) {
        this.registry = registry;
        this.instrumentation = instrumentation;
        this.transformer = transformer;
    }

    static InstalledRules install(AgentConfig config) throws Exception {
        Instrumentation instrumentation = ByteBuddyAgent.install();
        MetricRegistry registry = new MetricRegistry("test", 1000, Map.of());
        SiteTable sites = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
        Dispatch.install(sites);
        return new InstalledRules(registry, instrumentation,
                new ClassRewriter(config.rules(), sites, registry.self()).install(instrumentation, true));
    }

    @Override
    public void close() {
        instrumentation.removeTransformer(transformer);
    }
}
