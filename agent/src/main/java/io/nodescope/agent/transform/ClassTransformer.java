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
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * What the JVM calls for every class it loads or retransforms. The classes no rule may instrument
 * (the agent's own and the JDK core it runs on, {@link ProtectedClasses}), and the JDK's unless a rule
 * can reach them, are skipped by name and loader; the candidate filter drops the classes no rule can
 * select; only the remaining few are matched against the rules in full and rewritten. A failure leaves the
 * class as it was and is counted, not logged per class.
 */
final class ClassTransformer implements ClassFileTransformer {

    private final Instrumentation instrumentation;
    private final CandidateFilter candidates;
    private final ClassRewriter rewriter;
    private final boolean reachesJdk;
    private final Module dispatch = Dispatch.class.getModule();
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
        // Classes loaded while a class is being transformed load as they are, as they would with no agent.
        int[] thread = AgentThreads.state();
        if (thread[AgentThreads.TRANSFORMING] != 0) {
            return null;
        }
        long start = System.nanoTime();
        HistogramPoint result = skipped;
        if (internalName == null || !reachesJdk && RuleMatchers.isJdkLoader(loader)) {
            skipped.observe((System.nanoTime() - start) / 1e9);
            return null;
        }
        String name = internalName.replace('/', '.');
        thread[AgentThreads.TRANSFORMING] = 1;
        // The loader's code run while reading class files (a node's class loader may be selected) is the agent's work.
        int wasWorking = thread[AgentThreads.WORKING];
        thread[AgentThreads.WORKING] = 1;
        try {
            if (ProtectedClasses.isProtectedByName(name) || !candidates.mayMatch(loader, classFile)) {
                return null;
            }
            result = examined;
            byte[] rewrittenClass = rewriter.rewrite(loader, classFile);
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
            thread[AgentThreads.TRANSFORMING] = 0;
            result.observe((System.nanoTime() - start) / 1e9);
        }
    }

    /** Advice in a JDK class calls the dispatch, which its named module must be able to read. */
    private void readDispatch(Module module) {
        if (module != null && module.isNamed() && !module.canRead(dispatch)) {
            instrumentation.redefineModule(module, Set.of(dispatch), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
