package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.bootstrap.CallHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every instrumented method, by the number baked into its advice. Sites are added when classes
 * are transformed and read on every call; a failure inside the agent is counted, reported at
 * most once a minute, and never reaches the node.
 */
public final class SiteTable implements CallHandler {

    private final MetricRegistry registry;
    private final TracerSlot tracer;
    private final CounterPoint errors;
    private final SpanAttributePolicy attributes;
    /**
     * Per thread, true while it runs advice; only when rules reach JDK methods that the advice
     * itself may call. A flag flipped in place costs one lookup per call, not a set and a remove.
     * Only sites in JDK classes read it: the advice's own work can reach those, while a node's
     * class is reached only from the node's code, and the lookup would cost each of its calls.
     */
    private final ThreadLocal<boolean[]> inAdvice;
    private volatile Site[] sites = new Site[64];
    private int count;

    /**
     * {@code registry} is null when metrics are off, {@code tracer} when traces are off.
     * {@code attributes} says which span attributes are dropped or hashed.
     * {@code reachesJdk} guards against advice re-entering itself: when a rule selects a JDK method
     * that the advice's own work can call (class loading checksums a jar), the nested call is left
     * unrecorded instead of recursing or failing.
     */
    public SiteTable(MetricRegistry registry, TracerSlot tracer, CounterPoint errors, boolean reachesJdk, SpanAttributePolicy attributes) {
        this.registry = registry;
        this.tracer = tracer;
        this.errors = errors;
        this.attributes = attributes;
        this.inAdvice = reachesJdk ? new ThreadLocal<>() {
            @Override
            protected boolean[] initialValue() {
                return new boolean[1];
            }
        } : null;
        AdvicePath.warmUp();
    }

    /**
     * Binds the rules that selected a method; the site is not callable until {@link #register}.
     * {@code inJdk} says the method's class was loaded by the boot or platform loader.
     */
    public Site bind(MethodShape method, List<Rule> rules, boolean inJdk) {
        List<RuleBinding> bindings = new ArrayList<>();
        for (Rule rule : rules) {
            bindings.add(new RuleBinding(rule, method, registry, errors, attributes));
        }
        return new Site(method, bindings, tracer, inJdk && inAdvice != null);
    }

    /** Makes the site callable and returns the number its advice passes on every call. */
    public synchronized int register(Site site) {
        Site[] current = sites;
        if (count == current.length) {
            current = Arrays.copyOf(current, count * 2);
        }
        current[count] = site;
        sites = current;
        return count++;
    }

    @Override
    public Object enter(int site, Object self, Object[] args) {
        Site target = sites[site];
        boolean[] guard = target.guarded ? inAdvice.get() : null;
        if (guard != null && guard[0]) {
            return null;
        }
        try {
            enterAdvice(guard);
            return target.enter(self, args);
        } catch (Throwable failure) {
            failed(site, failure);
            return null;
        } finally {
            leaveAdvice(guard);
        }
    }

    @Override
    public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        Site target = sites[site];
        boolean[] guard = target.guarded ? inAdvice.get() : null;
        if (guard != null && guard[0]) {
            return;
        }
        try {
            enterAdvice(guard);
            target.exit(startNanos, state, self, args, returned, thrown);
        } catch (Throwable failure) {
            failed(site, failure);
        } finally {
            leaveAdvice(guard);
        }
    }

    @Override
    public Object handOff(Object task) {
        return alongTheTrace(task, "carry the trace context with", "the task runs without it", ContextHandOff::wrap);
    }

    @Override
    public Object inject(Object request) {
        return alongTheTrace(request, "put the trace context on", "the request goes out without it", TraceHeaders::inject);
    }

    /** {@code value} changed by {@code step} to travel with the current trace, or unchanged when traces are off or it fails. */
    private Object alongTheTrace(Object value, String action, String otherwise, TraceStep step) {
        if (tracer == null || tracer.tracer() == null) {
            return value;
        }
        boolean[] guard = inAdvice == null ? null : inAdvice.get();
        if (guard != null && guard[0]) {
            return value;
        }
        try {
            enterAdvice(guard);
            return step.apply(value);
        } catch (Throwable failure) {
            errors.increment();
            AgentLog.warnLimited(action, "could not " + action + " " + value.getClass().getName() + ": " + failure + "; " + otherwise);
            return value;
        } finally {
            leaveAdvice(guard);
        }
    }

    /** A change to a value handed to another thread or node, so that it carries the current trace. */
    private interface TraceStep {
        Object apply(Object value) throws Throwable;
    }

    private static void enterAdvice(boolean[] guard) {
        if (guard != null) {
            guard[0] = true;
        }
    }

    private static void leaveAdvice(boolean[] guard) {
        if (guard != null) {
            guard[0] = false;
        }
    }

    private void failed(int site, Throwable failure) {
        errors.increment();
        AgentLog.warnLimited("site:" + site, "advice error at " + sites[site].method() + ": " + failure + "; the call went on unchanged");
    }
}
