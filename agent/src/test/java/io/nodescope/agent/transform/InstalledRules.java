package io.nodescope.agent.transform;

import io.nodescope.agent.StartingTransformer;
import io.nodescope.agent.StartingTransformers;
import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.bootstrap.Dispatch;
import io.nodescope.instrumentation.site.Spans;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's rules installed in this JVM before its tests, metrics only, as the agent installs
 * them, and removed after: {@code @RegisterExtension static final InstalledRules INSTALLED = new InstalledRules(toml)}: the toml is a whole config.
 * A class that must be loaded before the rules, to be retransformed, is loaded in the test class's
 * static initializer, which runs first.
 */
final class InstalledRules implements BeforeAllCallback, AfterAllCallback {

    private final String toml;
    private MetricRegistry registry;
    private Instrumentation instrumentation;
    private StartingTransformer transformer;

    InstalledRules(String toml) {
        this.toml = toml;
    }

    MetricRegistry registry() {
        return registry;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path file = Files.createTempFile("nodescope-rules", ".toml");
        Files.writeString(file, toml);
        AgentConfig config = ConfigLoader.load(file, Map.of());
        Files.delete(file);
        instrumentation = ByteBuddyAgent.install();
        registry = new MetricRegistry("test", 1000, Map.of());
        SiteTable sites = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
        Dispatch.install(sites);
        transformer = StartingTransformers.registered(instrumentation);
        new ClassRewriter(config.rules(), sites, registry.self()).install(instrumentation, transformer, true).run();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        instrumentation.removeTransformer(transformer);
    }
}
