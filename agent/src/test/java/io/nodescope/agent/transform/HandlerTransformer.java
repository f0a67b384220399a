package io.nodescope.agent.transform;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.instrumentation.site.Spans;
import java.nio.file.Path;
import java.util.Map;

/** A transformer, not installed, with one rule on the fixture's handlers ({@code Handler} and its {@code handle}), to hand class files to. */
final class HandlerTransformer {

    private static final String RULE = String.join("\n",
            "[[rule]]",
            "name = 'handlers'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Handlers$Handler'",
            "method.name = 'handle'",
            "values.command = 'handle'");

    private HandlerTransformer() {
    }

    static ClassTransformer of(Path dir) throws Exception {
        AgentConfig config = TestConfigs.load(dir, RULE);
        MetricRegistry registry = new MetricRegistry("test", 100, Map.of());
        SiteTable sites = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
        return new ClassTransformer(null, new CandidateFilter(config.rules()), new ClassRewriter(config.rules(), sites, registry.self()), false,
                registry.self());
    }
}
