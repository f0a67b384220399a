package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.AgentThreads;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.bootstrap.CallHandler;
import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.propagation.ContextHandOff;
import io.nodescope.instrumentation.propagation.LogContext;
import io.nodescope.instrumentation.propagation.TraceHeaders;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.LazyCalls;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.Spans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every instrumented method, by the number baked into its advice. Sites are added when classes
 * are transformed and read on every call; a failure inside the agent is counted, reported at
 * most once a minute, and never reaches the node.
 */
public final class SiteTable implements CallHandler {

    /** What enter returns for a call nested in another of its kind: its exit records nothing. */
    private static final Object NESTED = new Object();
    /** Where a thread's state counts the calls passing a log record in progress. */
    private static final int LOG_RECORDS = AgentThreads.depthSlot(Kinds.LOG_RECORD);

    private final MetricPoints metrics;
    private final Spans spans;
    private final CounterPoint errors;
    private final SpanAttributePolicy attributes;
    private volatile LogSink logs = LogSink.OFF;
    /** Per site number, its handle and method; replaced whole when a site is added, read on every call. */
    private volatile CallHandle[] handles = new CallHandle[64];
    private volatile MethodShape[] methods = new MethodShape[64];
    /** Per site number, whether its handle works on entry; a site that does not skips the entry dispatch. */
    private volatile boolean[] entered = new boolean[64];
    /** Per site number, the state slots of the kinds it records the outermost call of; empty for most. */
    private volatile int[][] outermost = new int[64][];
    private int count;

    /**
     * {@code metrics} is {@link MetricPoints#NONE} when metrics are off, {@code spans}
     * {@link Spans#OFF} when traces are off. {@code attributes} says which span attributes are
     * dropped or hashed.
     */
    public SiteTable(MetricPoints metrics, Spans spans, CounterPoint errors, SpanAttributePolicy attributes) {
        this.metrics = metrics;
        this.spans = spans;
        this.errors = errors;
        this.attributes = attributes;
        LazyCalls.reclaimOn(task -> AgentThreads.newThread(task, "nodescope-lazy-results"));
        AdvicePath.warmUp();
    }

    /**
     * Binds the rules that selected a method, each by its kind; the first whose kind opens a span
     * opens the method's, after any that continue a caller's trace. The site is not callable until
     * {@link #register}.
     */
    public Site bind(MethodShape method, List<Rule> rules) {
        // a kind with advice of its own (a task handed off, a log record) binds no site: the rewriter gives it that advice
        List<Rule> ordered = rules.stream().filter(rule -> !rule.kind().changesValues()).collect(Collectors.toCollection(ArrayList::new));
        ordered.sort(Comparator.comparing((Rule rule) -> !rule.kind().continuesCallersTrace()));
        List<CallHandle> bound = new ArrayList<>();
        boolean spanOpened = false;
        for (Rule rule : ordered) {
            boolean opensSpan = rule.kind().spanPrefix().isPresent();
            Spans ruleSpans = opensSpan && spanOpened ? Spans.OFF : spans;
            spanOpened |= opensSpan;
            bound.add(rule.kind().bind(new MethodBinding(rule, method, metrics, ruleSpans, errors, attributes)));
        }
        int[] outermost = rules.stream().filter(Rule::outermostOnly).mapToInt(rule -> AgentThreads.depthSlot(rule.kind()))
                .distinct().toArray();
        return new Site(method, bound.size() == 1 ? bound.get(0) : new HandlesInOrder(bound.toArray(new CallHandle[0])), outermost);
    }

    /** Makes the site callable and returns the number its advice passes on every call. */
    public synchronized int register(Site site) {
        CallHandle[] currentHandles = handles;
        MethodShape[] currentMethods = methods;
        boolean[] currentEntered = entered;
        int[][] currentOutermost = outermost;
        if (count == currentHandles.length) {
            currentHandles = Arrays.copyOf(currentHandles, count * 2);
            currentMethods = Arrays.copyOf(currentMethods, count * 2);
            currentEntered = Arrays.copyOf(currentEntered, count * 2);
            currentOutermost = Arrays.copyOf(currentOutermost, count * 2);
        }
        currentHandles[count] = site.handle;
        currentMethods[count] = site.method;
        // A site that records only the outermost call must count its calls on entry.
        currentEntered[count] = site.handle.worksOnEntry() || site.outermostSlots.length > 0;
        currentOutermost[count] = site.outermostSlots;
        methods = currentMethods;
        entered = currentEntered;
        outermost = currentOutermost;
        handles = currentHandles;
        return count++;
    }

    /**
     * Every call that runs the agent's code first looks at the thread's {@link AgentThreads#state()
     * flag}: a call the agent's own work reached (a getter read for a label, a {@code toString}, a
     * class loaded on the way, a handler of the agent's HTTP server) is left unrecorded, so no rule
     * can make the agent count or re-enter itself. The node's own calls, made between enter and exit, find the flag down.
     */
    @Override
    public Object enter(int site, Object self, Object[] args) {
        if (!entered[site]) {
            return null;  // nothing runs at entry, so nothing can re-enter: no flag to look at
        }
        int[] thread = AgentThreads.state();
        if (thread[AgentThreads.WORKING] != 0) {
            return null;
        }
        int[] slots = outermost[site];
        if (slots.length > 0 && isNested(thread, slots)) {
            return NESTED;
        }
        CallHandle handle = handles[site];
        if (!handle.worksOnEntry()) {
            return thread;  // counted in above; the exit finds the thread's state here, not by a second lookup
        }
        thread[AgentThreads.WORKING] = 1;
        try {
            return handle.enter(self, args);
        } catch (Throwable failure) {
            failed(site, failure);
            return null;
        } finally {
            thread[AgentThreads.WORKING] = 0;
        }
    }

    /** Whether a call of one of these kinds is in progress on the thread; if not, this call is counted in. */
    private static boolean isNested(int[] thread, int[] slots) {
        for (int slot : slots) {
            if (thread[slot] > 0) {
                return true;
            }
        }
        for (int slot : slots) {
            thread[slot]++;
        }
        return false;
    }

    @Override
    public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
        if (state == NESTED) {
            return;
        }
        boolean handed = state instanceof int[];
        int[] thread = handed ? (int[]) state : AgentThreads.state();
        if (thread[AgentThreads.WORKING] != 0) {
            return;
        }
        thread[AgentThreads.WORKING] = 1;
        try {
            handles[site].exit(startNanos, handed ? null : state, self, args, returned, thrown);
        } catch (Throwable failure) {
            failed(site, failure);
        } finally {
            for (int slot : outermost[site]) {
                thread[slot]--;
            }
            thread[AgentThreads.WORKING] = 0;
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

    /** From now on the log records the node writes go to {@code sink}. */
    public void sendLogsTo(LogSink sink) {
        logs = sink;
    }

    @Override
    public void logRecord(Object record) {
        int[] thread = AgentThreads.state();
        if (thread[AgentThreads.WORKING] != 0 || thread[LOG_RECORDS]++ > 0) {
            return;  // the agent's own logging, a record written while the agent reads a value, or one an outer call sent
        }
        thread[AgentThreads.WORKING] = 1;
        try {
            logs.accept(record);
        } catch (Throwable failure) {
            errors.increment();
            AgentLog.warnLimited("log-record", "could not export a log record (" + failure + "); the node's log is unchanged");
        } finally {
            thread[AgentThreads.WORKING] = 0;
        }
    }

    @Override
    public void logRecordPassed() {
        int[] thread = AgentThreads.state();
        if (thread[AgentThreads.WORKING] == 0) {
            thread[LOG_RECORDS]--;
        }
    }

    @Override
    public Object logContext(Object context) {
        return alongTheTrace(context, "put the trace ids in the log context", "the log record goes without them", LogContext::withTrace);
    }

    /** {@code value} changed by {@code step} to travel with the current trace, or unchanged when traces are off or it fails. */
    private Object alongTheTrace(Object value, String action, String otherwise, TraceStep step) {
        if (spans.tracer() == null) {
            return value;
        }
        int[] thread = AgentThreads.state();
        if (thread[AgentThreads.WORKING] != 0) {
            return value;
        }
        thread[AgentThreads.WORKING] = 1;
        try {
            return step.apply(value);
        } catch (Throwable failure) {
            errors.increment();
            AgentLog.warnLimited(action, "could not " + action + " " + (value == null ? "null" : value.getClass().getName()) + ": " + failure + "; " + otherwise);
            return value;
        } finally {
            thread[AgentThreads.WORKING] = 0;
        }
    }

    /** A change to a value handed to another thread or node, so that it carries the current trace. */
    private interface TraceStep {
        Object apply(Object value) throws Throwable;
    }

    private void failed(int site, Throwable failure) {
        errors.increment();
        AgentLog.warnLimited("site:" + site, "advice error at " + methods[site] + ": " + failure + "; the call went on unchanged");
    }
}
