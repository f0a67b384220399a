package io.nodescope.agent.advice;

import static net.bytebuddy.matcher.ElementMatchers.is;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.matching.RuleMatchers;
import io.nodescope.agent.metrics.SelfMetrics;
import io.nodescope.agent.sites.MethodShape;
import io.nodescope.agent.sites.Site;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.instrumentation.Kind;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Installs the rules: a transformer that, for each class a rule selects, binds a site per
 * selected method and inlines the advice with that site's number.
 *
 * <p>It uses ByteBuddy's type descriptions, advice and class decoration, not its AgentBuilder:
 * building and installing an AgentBuilder generates a transformer class at runtime and loads
 * hundreds of classes, some 200 ms of the node's start that this agent does not need.
 */
public final class Instrumenter {

    private final List<Rule> rules;
    private final List<RuleMatchers> matchers = new ArrayList<>();
    private final CandidateFilter candidates;
    private final SiteTable sites;
    private final SelfMetrics self;
    private final Map<String, AtomicInteger> methodsPerRule = new LinkedHashMap<>();
    private final SiteAdviceFactory advice;
    /** Decorating adds code to existing methods only, as retransformation requires: no new members, no initializer. */
    private final ByteBuddy byteBuddy = new ByteBuddy().with(Implementation.Context.Disabled.Factory.INSTANCE);
    private ClassTransformer transformer;

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
     * then retransformed; at startup only the JDK's own classes may already be loaded, and they
     * are retransformed only when a rule can select one of them.
     */
    public ClassFileTransformer install(Instrumentation instrumentation, boolean attachedLate) {
        boolean jdk = RuleMatchers.anyMayMatchJdkClasses(rules);
        boolean retransform = attachedLate || jdk;
        transformer = new ClassTransformer(instrumentation, candidates, this, jdk);
        instrumentation.addTransformer(transformer, retransform);
        if (retransform) {
            retransformLoaded(instrumentation, jdk);
        }
        return transformer;
    }

    /**
     * Drops the cached type descriptions. Most classes load at startup; called now and then, this
     * keeps the cache's memory bounded and releases class loaders the node has let go.
     */
    public void forgetTypes() {
        if (transformer != null) {
            transformer.forgetTypes();
        }
    }

    /**
     * The new class file, or null when no rule selects a method of the class. {@code inJdk}: the
     * class was loaded by the boot or platform loader.
     */
    byte[] rewrite(TypeDescription type, ClassFileLocator locator, TypePool pool, boolean inJdk) {
        if (type.isSynthetic()) {
            return null;
        }
        List<Integer> applicable = new ArrayList<>();
        try {
            for (int i = 0; i < rules.size(); i++) {
                if (matchers.get(i).types().matches(type)) {
                    applicable.add(i);
                }
            }
        } catch (TypePool.Resolution.NoSuchTypeException e) {
            return null;  // a supertype the loader cannot find: the class will not load either, nothing to report
        }
        if (applicable.isEmpty()) {
            return null;
        }
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        boolean selected = false;
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            List<Rule> selecting = new ArrayList<>();
            Set<Kind> argumentKinds = new LinkedHashSet<>();
            for (int i : applicable) {
                if (matchers.get(i).methods().matches(method)) {
                    Rule rule = rules.get(i);
                    count(rule);
                    if (SiteAdviceFactory.replacesArgument(rule.kind())) {
                        argumentKinds.add(rule.kind());
                    } else {
                        selecting.add(rule);
                    }
                }
            }
            for (Kind kind : argumentKinds) {
                builder = builder.visit(advice.forArgument(kind).on(is(method)));
                selected = true;
            }
            if (!selecting.isEmpty()) {
                builder = builder.visit(adviceFor(type, method, selecting).on(is(method)));
                selected = true;
            }
        }
        return selected ? builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes() : null;
    }

    private net.bytebuddy.asm.Advice adviceFor(TypeDescription type, MethodDescription method, List<Rule> selected) {
        Site site = sites.bind(new MethodShape(type.getName(), method.getName()), selected);
        int id = sites.register(site);
        return advice.forSite(id, site.readsArguments(), site.readsReturn());
    }

    private void count(Rule rule) {
        int count = methodsPerRule.get(rule.name()).incrementAndGet();
        if (self != null) {
            self.instrumentedMethods(rule.name()).set(count);
        }
    }

    /** Runs the loaded classes a rule may select through the transformer again. */
    private void retransformLoaded(Instrumentation instrumentation, boolean jdk) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && !type.isArray() && !ClassTransformer.isOwn(type.getName().replace('.', '/'))
                    && (jdk || !ClassTransformer.isJdkLoader(type.getClassLoader())) && candidates.mayMatch(type)) {
                loaded.add(type);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable batch) {
            // One class the JVM refuses must not keep the others uninstrumented.
            for (Class<?> type : loaded) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (Throwable e) {
                    AgentLog.warnLimited("retransform:" + type.getName(), "could not instrument the loaded class " + type.getName()
                            + ": " + e + "; it runs uninstrumented");
                }
            }
        }
    }
}
