package io.nodescope.agent.advice;

import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.matching.CandidateFilter;
import io.nodescope.agent.matching.ProtectedClasses;
import io.nodescope.agent.matching.RuleMatchers;
import io.nodescope.bootstrap.Dispatch;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Stands for the bootstrap loader, which a concurrent map cannot hold as null. */
    private static final Object BOOT_LOADER = new Object();

    private final Instrumentation instrumentation;
    private final CandidateFilter candidates;
    private final Instrumenter rewriter;
    private final boolean reachesJdk;
    private final Module dispatch = Dispatch.class.getModule();
    /** Type descriptions shared across classes, so that common supertypes are read once, not per class. */
    private final Map<Object, TypePool.CacheProvider> typePools = new ConcurrentHashMap<>();
    /** Classes loaded while a class is being rewritten load as they are, as they would with no agent. */
    private final ThreadLocal<Boolean> rewriting = new ThreadLocal<>();

    ClassTransformer(Instrumentation instrumentation, CandidateFilter candidates, Instrumenter rewriter, boolean reachesJdk) {
        this.instrumentation = instrumentation;
        this.candidates = candidates;
        this.rewriter = rewriter;
        this.reachesJdk = reachesJdk;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (internalName == null || !reachesJdk && RuleMatchers.isJdkLoader(loader) || rewriting.get() != null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (ProtectedClasses.isProtectedByName(name)) {
            return null;
        }
        rewriting.set(Boolean.TRUE);
        // The loader's code run while reading class files (a node's class loader may be selected) is the agent's work.
        boolean[] working = AgentThreads.working();
        boolean wasWorking = working[0];
        working[0] = true;
        try {
            if (!candidates.mayMatch(loader, classFile)) {
                return null;
            }
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = new TypePool.Default.WithLazyResolution(typePool(loader), locator, TypePool.Default.ReaderMode.FAST);
            TypeDescription type = pool.describe(name).resolve();
            byte[] rewritten = rewriter.rewrite(type, locator, pool, RuleMatchers.isJdkLoader(loader));
            if (rewritten != null) {
                readDispatch(module);
            }
            return rewritten;
        } catch (Throwable e) {
            rewriter.failed(name, e);
            return null;
        } finally {
            working[0] = wasWorking;
            rewriting.remove();
        }
    }

    /** Drops the cached type descriptions, releasing the class loaders they hold. */
    void forgetTypes() {
        typePools.clear();
        candidates.clear();
    }

    private TypePool.CacheProvider typePool(ClassLoader loader) {
        return typePools.computeIfAbsent(loader == null ? BOOT_LOADER : loader, key -> new TypePool.CacheProvider.Simple());
    }

    /** Advice in a JDK class calls the dispatch, which its named module must be able to read. */
    private void readDispatch(Module module) {
        if (module != null && module.isNamed() && !module.canRead(dispatch)) {
            instrumentation.redefineModule(module, Set.of(dispatch), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
