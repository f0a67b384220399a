package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.bootstrap.CallHandler;
import io.opentelemetry.api.trace.Tracer;
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
    private final Tracer tracer;
    private final CounterPoint errors;
    private volatile Site[] sites = new Site[64];
    private int count;

    /** {@code registry} is null when metrics are off, {@code tracer} when traces are off. */
    public SiteTable(MetricRegistry registry, Tracer tracer, CounterPoint errors) {
        this.registry = registry;
        this.tracer = tracer;
        this.errors = errors;
    }

    /** Binds the rules that selected a method; the site is not callable until {@link #register}. */
    public Site bind(MethodShape method, List<Rule> rules) {
        List<RuleBinding> bindings = new ArrayList<>();
        for (Rule rule : rules) {
            bindings.add(new RuleBinding(rule, method, registry, errors));
        }
        return new Site(method, bindings, tracer);
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
        try {
            return sites[site].enter(self, args);
        } catch (Throwable failure) {
            failed(site, failure);
            return null;
        }
    }

    @Override
    public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        try {
            sites[site].exit(startNanos, state, self, args, returned, thrown);
        } catch (Throwable failure) {
            failed(site, failure);
        }
    }

    private void failed(int site, Throwable failure) {
        errors.increment();
        AgentLog.warnLimited("site:" + site, "advice error at " + sites[site].method() + ": " + failure + "; the call went on unchanged");
    }
}
