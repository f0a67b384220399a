package io.nodescope.agent.advice;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.matching.RuleMatchers;
import io.nodescope.agent.metrics.SelfMetrics;
import io.nodescope.agent.sites.MethodShape;
import io.nodescope.agent.sites.Site;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.bootstrap.Dispatch;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the rules: one ByteBuddy transformer that, for each class a rule selects, binds a site
 * per selected method and inlines the advice with that site's number. Classes already loaded,
 * the JDK's included, are retransformed.
 */
public final class Instrumenter {

    private final List<Rule> rules;
    private final List<RuleMatchers> matchers = new ArrayList<>();
    private final SiteTable sites;
    private final SelfMetrics self;
    private final Map<String, AtomicInteger> methodsPerRule = new LinkedHashMap<>();
    private final SiteAdviceFactory advice;
    private final CandidateFilter candidates;
    /** Type descriptions shared across classes, so that common supertypes are read once, not per class. */
    private final ConcurrentMap<ClassLoader, TypePool.CacheProvider> typePools = new ConcurrentHashMap<>();

    /** {@code self} is null when metrics are off. */
    public Instrumenter(List<Rule> rules, SiteTable sites, SelfMetrics self) throws IOException {
        this.rules = rules;
        this.sites = sites;
        this.self = self;
        this.advice = new SiteAdviceFactory();
        this.candidates = new CandidateFilter(rules);
        for (Rule rule : rules) {
            matchers.add(RuleMatchers.of(rule));
            methodsPerRule.put(rule.name(), new AtomicInteger());
            if (self != null) {
                self.instrumentedMethods(rule.name()).set(0);
            }
        }
    }

    /**
     * {@code attachedLate} is true when the agent is attached to a running JVM, whose classes are
     * then retransformed; at startup only the JDK's own classes may already be loaded.
     */
    public ClassFileTransformer install(Instrumentation instrumentation, boolean attachedLate) {
        ElementMatcher.Junction<TypeDescription> anyRule = none();
        for (RuleMatchers matcher : matchers) {
            anyRule = anyRule.or(matcher.types());
        }
        boolean jdk = RuleMatchers.anyMayMatchJdkClasses(rules);
        AgentBuilder.Ignored ignored = new AgentBuilder.Default()
                .disableClassFormatChanges()
                // Advice only adds code to existing methods: decorating keeps the class as it is otherwise.
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(attachedLate || jdk ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION : AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(typePools))
                .with(new FailureLog())
                .with(transformer -> new PrefilteringTransformer(transformer, candidates))
                .ignore(nameStartsWith("io.nodescope.agent.").or(nameStartsWith("io.nodescope.bootstrap."))
                        .or(nameStartsWith("io.nodescope.shaded.")).or(nameStartsWith("net.bytebuddy.")).or(isSynthetic()));
        if (!jdk) {
            ignored = ignored.or(any(), isBootstrapClassLoader().or(isExtensionClassLoader()));
        }
        return ignored
                // JDK classes live in named modules that must be able to read the bootstrap dispatch.
                .assureReadEdgeTo(instrumentation, Dispatch.class)
                .type(anyRule)
                .transform(this::transform)
                .installOn(instrumentation);
    }

    /**
     * Drops the cached type descriptions. Most classes load at startup; called now and then, this
     * keeps the cache's memory bounded and releases class loaders the node has let go.
     */
    public void forgetTypes() {
        typePools.clear();
        candidates.clear();
    }

    private DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
            JavaModule module, ProtectionDomain domain) {
        List<Integer> applicable = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (matchers.get(i).types().matches(type)) {
                applicable.add(i);
            }
        }
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            List<Rule> selected = new ArrayList<>();
            for (int i : applicable) {
                if (matchers.get(i).methods().matches(method)) {
                    selected.add(rules.get(i));
                }
            }
            if (!selected.isEmpty()) {
                builder = builder.visit(adviceFor(type, method, selected).on(is(method)));
            }
        }
        return builder;
    }

    private net.bytebuddy.asm.Advice adviceFor(TypeDescription type, MethodDescription method, List<Rule> selected) {
        Site site = sites.bind(new MethodShape(type.getName(), method.getName()), selected);
        int id = sites.register(site);
        for (Rule rule : selected) {
            int count = methodsPerRule.get(rule.name()).incrementAndGet();
            if (self != null) {
                self.instrumentedMethods(rule.name()).set(count);
            }
        }
        return advice.forSite(id, site.readsArguments(), site.readsReturn());
    }

    /** Transformation failures are the agent's problem, never the node's: the class loads unchanged. */
    private static final class FailureLog extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            AgentLog.warnLimited("transform:" + typeName, "could not instrument " + typeName + ": " + throwable
                    + "; the class runs uninstrumented");
        }
    }
}
