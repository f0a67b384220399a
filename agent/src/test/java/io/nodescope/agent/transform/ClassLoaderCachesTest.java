package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.fixture.Handlers;
import io.nodescope.instrumentation.site.Spans;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer's caches of what it read through a class loader (type descriptions, supertypes)
 * hold the loader weakly: a loader the node lets go is collected with no cleaning loop.
 */
class ClassLoaderCachesTest {

    private static final String RULE = String.join("\n",
            "[[rule]]",
            "name = 'handlers'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Handlers$Handler'",
            "method.name = 'handle'",
            "values.command = 'handle'");

    @TempDir
    Path dir;

    @Test
    void aClassLoaderTheNodeLetsGoIsCollected() throws Exception {
        AgentConfig config = TestConfigs.load(dir, RULE);
        MetricRegistry registry = new MetricRegistry("test", 100, Map.of());
        SiteTable sites = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
        ClassTransformer transformer = new ClassTransformer(null, new CandidateFilter(config.rules()),
                new ClassRewriter(config.rules(), sites, registry.self()), false, registry.self());
        WeakReference<ClassLoader> released = transformThroughThrowawayLoader(transformer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (released.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(released.get(), "the transformer's caches keep a class loader the node let go");
    }

    /** In a method of its own, so that no local variable of the test keeps the loader. */
    private static WeakReference<ClassLoader> transformThroughThrowawayLoader(ClassTransformer transformer) throws Exception {
        URL classes = Handlers.class.getProtectionDomain().getCodeSource().getLocation();
        String name = "io/nodescope/fixture/Handlers$PublishHandler";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
            byte[] classFile;
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                classFile = in.readAllBytes();
            }
            assertNotNull(transformer.transform(null, loader, name, null, null, classFile),
                    "the rule selects the class, its supertypes read through its loader");
            return new WeakReference<>(loader);
        }
    }
}
