package io.nodescope.agent.transform;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.StartingTransformer;
import io.nodescope.agent.config.LazyWatches;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.matching.Ancestors;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.matching.ClassOutline;
import io.nodescope.agent.matching.MethodOutline;
import io.nodescope.agent.matching.ProtectedClasses;
import io.nodescope.agent.matching.RuleExplainer;
import io.nodescope.agent.matching.RuleLimits;
import io.nodescope.agent.matching.RuleMatchers;
import io.nodescope.agent.matching.RuleWarnings;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.HistogramPoint;
import io.nodescope.agent.metrics.SelfMetrics;
import io.nodescope.agent.sites.Site;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Installs the rules: a transformer that, for each class a rule selects, binds a site per method a
 * rule recording calls selects and weaves the advice into the selected methods ({@link ClassWeaver}).
 *
 * <p>It matches on what the class file declares ({@link ClassOutline}), not on ByteBuddy's type
 * descriptions or through its AgentBuilder: those load hundreds of classes and describe every
 * candidate class and its ancestors in full, some 100 ms of the node's start that the rules'
 * selectors (names, supertypes, annotations, flags and parameter types) do not need.
 */
public final class ClassRewriter {

    private final List<Rule> rules;
    private final List<RuleMatchers> matchers = new ArrayList<>();
    /** Per rule, whether it may select classes of the JDK's loaders. */
    private final boolean[] reachesJdk;
    private final CandidateFilter candidates;
    private final SiteTable sites;
    private final SelfMetrics self;
    private final Map<String, AtomicInteger> methodsPerRule = new LinkedHashMap<>();
    /** Per rule, the methods it instrumented ({@code Class.method}), for the {@code attach} command's report. */
    private final Map<String, Queue<String>> instrumented = new LinkedHashMap<>();
    /** Per rule, set once it reached the method limit and selects no more. */
    private final List<AtomicBoolean> full = new ArrayList<>();
    /** Per rule, the time rewriting the classes it selects; null for the agent's own watches. */
    private final HistogramPoint[] ruleRewrites;

    /** {@code self} counts what the rewriter does: methods per rule, classes it failed on. */
    public ClassRewriter(List<Rule> rules, SiteTable sites, SelfMetrics self) {
        this(rules, sites, self, new CandidateFilter(LazyWatches.with(rules)));
    }

    /** With the candidate filter {@link #hold} made for these rules, and the ancestors it already read. */
    public ClassRewriter(List<Rule> rules, SiteTable sites, SelfMetrics self, CandidateFilter candidates) {
        this.rules = LazyWatches.with(rules);
        this.sites = sites;
        this.self = self;
        this.candidates = candidates;
        this.reachesJdk = new boolean[this.rules.size()];
        this.ruleRewrites = new HistogramPoint[this.rules.size()];
        for (int i = 0; i < this.rules.size(); i++) {
            Rule rule = this.rules.get(i);
            matchers.add(RuleMatchers.of(rule));
            reachesJdk[i] = RuleMatchers.mayMatchJdkClasses(rule);
            full.add(new AtomicBoolean());
            if (!LazyWatches.isWatch(rule)) {
                methodsPerRule.put(rule.name(), new AtomicInteger());
                instrumented.put(rule.name(), new ConcurrentLinkedQueue<>());
                self.instrumentedMethods(rule.name()).set(0);
                ruleRewrites[i] = self.ruleRewrite(rule.name());
            }
        }
        for (String warning : RuleWarnings.of(rules)) {
            AgentLog.warn(warning);
        }
    }

    /**
     * Tells {@code starting} which of the node's classes must wait for the rules, as soon as they
     * are read: those a rule recording calls may select; every class, when such a rule may select a
     * JDK class, whose calls count from the node's first only if the node waits until the JDK's loaded
     * classes are rewritten. Returns the candidate filter for the rewriter, so that the ancestors read
     * while the classes wait are not read again.
     */
    public static CandidateFilter hold(List<Rule> configRules, StartingTransformer starting) {
        List<Rule> rules = LazyWatches.with(configRules);
        CandidateFilter candidates = new CandidateFilter(rules);
        if (recordsJdkCalls(rules)) {
            starting.rulesRead((loader, classFile) -> true, (loader, classFile) -> true);
        } else {
            List<Rule> recording = rules.stream().filter(rule -> rule.kind().actsBeforeSignals()).collect(Collectors.toList());
            starting.rulesRead(candidates::mayMatch, candidates.forRules(recording)::mayMatch);
        }
        return candidates;
    }

    private static boolean recordsJdkCalls(List<Rule> rules) {
        return rules.stream().anyMatch(rule -> rule.kind().actsBeforeSignals() && RuleMatchers.mayMatchJdkClasses(rule));
    }

    /**
     * Puts the rules in place behind {@code starting}, the transformer the JVM already calls for
     * every class, and lets the classes it holds go on. The matching and weaving are warmed up first,
     * on the calling thread (the agent's), so that the node's first selected class does not pay for
     * their first use, and nothing the transformer runs loads or links lazily while the JVM loads a
     * class: warmed up after the rules were in place, the first use of a {@code VarHandle} (the
     * transformer's own timing) could be the JVM's, and re-enter the loading of its class (a
     * {@code ClassCircularityError} in one of four starts on JDK 25).
     * The loaded classes a rule may select are rewritten: all of them when the agent is attached to a
     * running JVM ({@code attachedLate}); at startup the JDK's, when a rule can select one, and the
     * node's that loaded during the start. When a rule recording calls may select a JDK class, they
     * are rewritten here, before the held classes go on; else what is returned rewrites them, for
     * the caller to run once the signals are up: what is left then is only for rules acting through
     * the signals (and classes that waited too long), which have nothing to do before.
     */
    public Runnable install(Instrumentation instrumentation, StartingTransformer starting, boolean attachedLate) {
        boolean jdk = RuleMatchers.anyMayMatchJdkClasses(rules);
        warmUp();
        Predicate<Class<?>> loadedDuringStart = starting.rulesInPlace(new ClassTransformer(instrumentation, candidates, this, jdk, self));
        Predicate<Class<?>> node = attachedLate ? type -> true : loadedDuringStart;
        Runnable rewriteLoaded = () -> retransformLoaded(instrumentation, jdk, node);
        if (recordsJdkCalls(rules)) {
            rewriteLoaded.run();
            rewriteLoaded = () -> { };
        }
        starting.release();
        return rewriteLoaded;
    }

    /**
     * Matches the rules against one of the agent's own classes and weaves the advice into it, and
     * drops the result, so that the node's thread that loads its first selected class does not pay
     * for the first use of the class file reading, the matching and the weaving.
     */
    private void warmUp() {
        try {
            byte[] classFile;
            // A JDK class file is read through a jrt: URL, whose handler class must load here: loaded first
            // while a rule reaching the JDK examines it, its own reading would need it (a ClassCircularityError).
            try (InputStream jdkClass = ClassLoader.getSystemResourceAsStream("java/lang/Object.class");
                    InputStream own = ClassRewriter.class.getResourceAsStream("WarmUp.class")) {
                jdkClass.readAllBytes();
                classFile = own.readAllBytes();
            }
            ClassOutline type = ClassOutline.read(classFile);
            Ancestors ancestors = candidates.ancestors(ClassRewriter.class.getClassLoader(), type);
            for (RuleMatchers rule : matchers) {
                if (rule.selectsClass(type, ancestors)) {
                    for (MethodOutline method : type.methods()) {
                        rule.selectsMethod(method);
                    }
                }
            }
            Map<String, WovenMethod> all = new HashMap<>();
            for (MethodOutline method : type.methods()) {
                WovenMethod woven = new WovenMethod(method).site(0, true, true);
                for (Kind kind : Kinds.all()) {
                    if (kind.changesValues()) {
                        woven.add(kind);
                    }
                }
                all.put(woven.key(), woven);
            }
            ClassWeaver.weave(classFile, all);
        } catch (IOException | RuntimeException | LinkageError e) {
            AgentLog.warn("could not warm up the class rewriting (" + e + "); the first selected class pays for it");
        }
    }

    /**
     * The new class file, or null when no rule selects a method of the class, which {@code loader}
     * (null: the boot loader) defines.
     */
    byte[] rewrite(ClassLoader loader, byte[] classFile) {
        long start = System.nanoTime();
        ClassOutline type = ClassOutline.read(classFile);
        if (type.isSynthetic()) {
            return null;
        }
        boolean inJdk = RuleMatchers.isJdkLoader(loader);
        Ancestors ancestors = candidates.ancestors(loader, type);
        if (ProtectedClasses.isProtected(type.name(), ancestors)) {
            return null;
        }
        List<Integer> applicable = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if ((reachesJdk[i] || !inJdk) && !full.get(i).get() && matchers.get(i).selectsClass(type, ancestors)) {
                applicable.add(i);
            }
        }
        if (applicable.isEmpty()) {
            return null;
        }
        Map<String, WovenMethod> woven = new HashMap<>();
        Set<Integer> selectingRules = new LinkedHashSet<>();
        for (MethodOutline method : type.methods()) {
            WovenMethod weaving = new WovenMethod(method);
            List<Rule> recording = new ArrayList<>();
            boolean selected = false;
            for (int i : applicable) {
                if (matchers.get(i).selectsMethod(method) && take(i)) {
                    selected = true;
                    selectingRules.add(i);
                    Rule rule = rules.get(i);
                    Queue<String> names = instrumented.get(rule.name());
                    if (names != null) {  // null for the agent's own watches
                        names.add(type.name() + "." + method.name());
                    }
                    if (rule.kind().changesValues()) {
                        weaving.add(rule.kind());
                    } else {
                        recording.add(rule);
                    }
                }
            }
            if (!recording.isEmpty()) {
                Site site = sites.bind(RuleExplainer.shape(type, method), recording);
                weaving.site(sites.register(site), site.readsArguments(), site.readsReturn());
            }
            if (selected) {
                woven.put(weaving.key(), weaving);
            }
        }
        if (woven.isEmpty()) {
            return null;
        }
        byte[] rewritten = ClassWeaver.weave(classFile, woven);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int i : selectingRules) {
            if (ruleRewrites[i] != null) {
                ruleRewrites[i].observe(seconds);
            }
        }
        return rewritten;
    }

    /** Per rule, in the config's order, the methods instrumented so far, as {@code Class.method}. */
    public Map<String, List<String>> instrumented() {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        instrumented.forEach((rule, names) -> methods.put(rule, List.copyOf(names)));
        return methods;
    }

    /**
     * Counts one more method for the rule at {@code index}, or refuses when the rule already selected
     * {@link RuleLimits#METHODS_PER_RULE}: then, once, says so and stops looking for the rule's classes.
     */
    private boolean take(int index) {
        Rule rule = rules.get(index);
        if (LazyWatches.isWatch(rule)) {
            return true;  // the agent's own watches on lazy results: not the node's rules, not limited like them
        }
        AtomicInteger methods = methodsPerRule.get(rule.name());
        while (true) {
            int count = methods.get();
            if (count >= RuleLimits.METHODS_PER_RULE) {
                if (full.get(index).compareAndSet(false, true)) {
                    candidates.retire(index);
                    AgentLog.warn(RuleLimits.reachedAtStartup(rule));
                }
                return false;
            }
            if (methods.compareAndSet(count, count + 1)) {
                self.instrumentedMethods(rule.name()).set(count + 1);
                return true;
            }
        }
    }

    /**
     * A class the transformer could not describe or rewrite (a type it refers to is missing, a class
     * file ByteBuddy or the weaver cannot read, a method the advice would make too large): counted; the first is reported with its cause, later ones as a
     * running count at most once a minute, never a line per class.
     */
    void failed(String className, Throwable failure) {
        CounterPoint failures = self.transformFailures();
        failures.increment();
        long count = failures.value();
        AgentLog.warnLimited("transform-failures", count == 1
                ? "could not instrument " + className + " (" + failure + "); it runs as it was. Further classes the agent"
                        + " cannot instrument are counted in nodescope_transform_failures_total and summed up here at most once a minute"
                : count + " classes could not be instrumented so far and run as they were; the latest " + className + " (" + failure + ")");
    }

    /** Runs the loaded classes a rule may select through the transformer again: the JDK's if {@code jdk}, the node's that {@code node} names. */
    private void retransformLoaded(Instrumentation instrumentation, boolean jdk, Predicate<Class<?>> node) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            boolean inJdk = RuleMatchers.isJdkLoader(type.getClassLoader());
            if ((inJdk ? jdk : node.test(type)) && instrumentation.isModifiableClass(type) && !type.isArray()
                    && !ProtectedClasses.isProtected(type) && candidates.mayMatch(type)) {
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
                    failed(type.getName(), e);
                }
            }
        }
    }
}
