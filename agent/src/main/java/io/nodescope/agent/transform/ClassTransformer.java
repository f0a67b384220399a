package io.nodescope.agent.transform;

import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.matching.ProtectedClasses;
import io.nodescope.agent.matching.RuleMatchers;
import io.nodescope.agent.metrics.HistogramPoint;
import io.nodescope.agent.metrics.SelfMetrics;
import io.nodescope.bootstrap.Dispatch;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.ref.SoftReference;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * What the JVM calls for every class it loads or retransforms. The classes no rule may instrument
 * (the agent's own and the JDK core it runs on, {@link ProtectedClasses}), and the JDK's unless a rule
 * can reach them, are skipped by name and loader; the candidate filter drops the classes no rule can
 * select; only the remaining few are described with ByteBuddy and rewritten. A failure leaves the
 * class as it was and is counted, not logged per class.
 */
final class ClassTransformer implements ClassFileTransformer {

    private final Instrumentation instrumentation;
    private final CandidateFilter candidates;
    private final ClassRewriter rewriter;
    private final boolean reachesJdk;
    private final Module dispatch = Dispatch.class.getModule();
    /**
     * Type descriptions shared across the classes of one loader, so that common supertypes are read
     * once, not per class. A description refers to the pool that read it and so to its class file
     * locator, which holds the loader only weakly: a value never keeps its own key alive, and a loader
     * the node lets go is collected with its descriptions, with no cleaning loop. Values are soft, so
     * that the cache gives way to the node under memory pressure.
     */
    private final Map<ClassLoader, SoftReference<TypePool.CacheProvider>> typePools = Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootTypes = new TypePool.CacheProvider.Simple();
    /** Classes loaded while a class is being rewritten load as they are, as they would with no agent. */
    private final ThreadLocal<Boolean> rewriting = new ThreadLocal<>();
    /** What each class costs, by what became of it: an operator sees what the agent adds to the node's start. */
    private final HistogramPoint skipped;
    private final HistogramPoint examined;
    private final HistogramPoint rewritten;
    private final HistogramPoint failed;

    ClassTransformer(Instrumentation instrumentation, CandidateFilter candidates, ClassRewriter rewriter, boolean reachesJdk, SelfMetrics self) {
        this.instrumentation = instrumentation;
        this.candidates = candidates;
        this.rewriter = rewriter;
        this.reachesJdk = reachesJdk;
        this.skipped = self.classTransform("skipped");
        this.examined = self.classTransform("examined");
        this.rewritten = self.classTransform("rewritten");
        this.failed = self.classTransform("failed");
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (rewriting.get() != null) {
            return null;
        }
        long start = System.nanoTime();
        HistogramPoint result = skipped;
        if (internalName == null || !reachesJdk && RuleMatchers.isJdkLoader(loader)) {
            skipped.observe((System.nanoTime() - start) / 1e9);
            return null;
        }
        String name = internalName.replace('/', '.');
        rewriting.set(Boolean.TRUE);
        // The loader's code run while reading class files (a node's class loader may be selected) is the agent's work.
        int[] thread = AgentThreads.state();
        int wasWorking = thread[AgentThreads.WORKING];
        thread[AgentThreads.WORKING] = 1;
        try {
            if (ProtectedClasses.isProtectedByName(name) || !candidates.mayMatch(loader, classFile)) {
                return null;
            }
            result = examined;
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
            TypePool pool = new TypePool.Default.WithLazyResolution(typePool(loader), locator, TypePool.Default.ReaderMode.FAST);
            TypeDescription type = pool.describe(name).resolve();
            byte[] rewrittenClass = rewriter.rewrite(type, classFile, RuleMatchers.isJdkLoader(loader));
            if (rewrittenClass != null) {
                readDispatch(module);
                result = rewritten;
            }
            return rewrittenClass;
        } catch (Throwable e) {
            result = failed;
            rewriter.failed(name, e);
            return null;
        } finally {
            thread[AgentThreads.WORKING] = wasWorking;
            rewriting.remove();
            result.observe((System.nanoTime() - start) / 1e9);
        }
    }

    private TypePool.CacheProvider typePool(ClassLoader loader) {
        if (loader == null) {
            return bootTypes;
        }
        synchronized (typePools) {
            SoftReference<TypePool.CacheProvider> cached = typePools.get(loader);
            TypePool.CacheProvider types = cached == null ? null : cached.get();
            if (types == null) {
                types = new TypePool.CacheProvider.Simple();
                typePools.put(loader, new SoftReference<>(types));
            }
            return types;
        }
    }

    /** Advice in a JDK class calls the dispatch, which its named module must be able to read. */
    private void readDispatch(Module module) {
        if (module != null && module.isNamed() && !module.canRead(dispatch)) {
            instrumentation.redefineModule(module, Set.of(dispatch), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
