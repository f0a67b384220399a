package io.nodescope.instrumentation.kinds;

import io.nodescope.instrumentation.Catalog;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.SpanSide;
import io.nodescope.instrumentation.site.CallHandle;
import io.nodescope.instrumentation.site.MetricPoints;
import io.nodescope.instrumentation.site.MetricPoints.Counter;
import io.nodescope.instrumentation.site.SiteBinding;
import io.nodescope.instrumentation.site.SubjectHandle;
import io.nodescope.instrumentation.site.ValueReader;
import io.opentelemetry.api.trace.SpanContext;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stage of the sync pipeline (fetch, validate, insert, ...); its span is a child of the sync
 * task's. It times the stage, counts the knowledge collections a stage that returned processed (a
 * number, labelled by a result read from the call, or a map of result to number), and follows the
 * depth of the queue in front of it, read again at every scrape.
 */
public final class SyncStageKind extends Kind {

    /** Result keys remembered by identity per stage; a stage reports a handful of results. */
    private static final int RECENT_RESULTS = 4;
    /** The result label when the rule gives no result value. */
    private static final String PROCESSED_RESULT = "processed";

    private final String processedKey = reads("processed", true);
    private final String resultKey = reads("result", false);
    private final String queueDepthKey = reads("queue_depth", true);

    public SyncStageKind() {
        super("sync_stage", "stage", "task.sync.", SpanSide.INSIDE,
                Catalog.SYNC_STAGE_DURATION, Catalog.SYNC_KC_PROCESSED, Catalog.SYNC_QUEUE_DEPTH);
    }

    @Override
    public CallHandle bind(SiteBinding site) {
        return new Handle(site).bound();
    }

    private final class Handle extends SubjectHandle<Points> {
        private final MetricPoints metrics;
        /** Each {@link ValueReader#ABSENT} when the rule does not give it or metrics are off. */
        private final ValueReader processed;
        private final ValueReader result;
        private final ValueReader queueDepth;
        /** The result label when it does not depend on the call; else null. */
        private final String constantResult;

        Handle(SiteBinding site) {
            super(SyncStageKind.this, site);
            this.metrics = site.metrics();
            boolean records = metrics.records();
            this.processed = records ? site.value(processedKey).orElse(ValueReader.ABSENT) : ValueReader.ABSENT;
            this.queueDepth = records ? site.value(queueDepthKey).orElse(ValueReader.ABSENT) : ValueReader.ABSENT;
            this.result = records ? site.value(resultKey).orElse(ValueReader.ABSENT) : ValueReader.ABSENT;
            this.constantResult = !site.value(resultKey).isPresent() ? PROCESSED_RESULT
                    : result.isConstant() ? orUnknown(result.constant()) : null;
        }

        @Override
        protected Points newSeries(String subject) {
            return new Points(subject, this);
        }

        @Override
        protected void record(Points series, boolean ok, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
            series.recordCall(ok, nanos, trace);
            if (queueDepth != ValueReader.ABSENT) {
                series.follow(queueDepth.start(self, arguments, returned));
            }
            if (ok && processed != ValueReader.ABSENT) {
                Object counted = processed.readObject(self, arguments, returned);
                if (counted instanceof Map) {
                    // result -> count: each entry under its own result label
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) counted).entrySet()) {
                        add(ValueReader.number(entry.getValue()), series.pointForKey(entry.getKey()));
                    }
                } else {
                    add(ValueReader.number(counted), series.pointFor(constantResult != null ? constantResult
                            : orUnknown(result.read(self, arguments, returned))));
                }
            }
        }

        private void add(double number, Counter point) {
            if (number >= 1) {
                point.add((long) number);
            }
        }

        @Override
        protected boolean recordingReads(boolean arguments) {
            for (ValueReader value : new ValueReader[] {processed, result, queueDepth}) {
                if (arguments ? value.readsArguments() : value.readsReturn()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A stage's points: its timer, its processed counter per result, and its live queue depth. */
    private final class Points extends CallKind.Points {
        private final Handle handle;
        private final Map<String, Counter> byResult = new ConcurrentHashMap<>();
        /** Recent result keys and their points; racy on purpose, as every pair in it is right. */
        private final ResultPoint[] recent = new ResultPoint[RECENT_RESULTS];
        private int next;
        /** The object the queue depth is read from at scrape time, held weakly. */
        private volatile WeakReference<Object> queue = new WeakReference<>(null);

        Points(String subject, Handle handle) {
            super(SyncStageKind.this, subject, handle.metrics, null, Catalog.SYNC_STAGE_DURATION);
            this.handle = handle;
            if (handle.queueDepth != ValueReader.ABSENT) {
                handle.metrics.gauge(Catalog.SYNC_QUEUE_DEPTH, labels(Catalog.SYNC_QUEUE_DEPTH, SyncStageKind.this, null, null))
                        .follow(this::queueDepth);
            }
        }

        void follow(Object start) {
            if (start != null && start != queue.get()) {
                queue = new WeakReference<>(start);
            }
        }

        private double queueDepth() {
            Object start = queue.get();
            return start == null && !handle.queueDepth.isConstant() ? Double.NaN : handle.queueDepth.readNumberFrom(start);
        }

        /**
         * The point of a result map's key. Result names are constants, so the same few String or enum
         * objects come back call after call; those are looked up by identity first, in a few slots.
         */
        Counter pointForKey(Object key) {
            for (ResultPoint seen : recent) {
                if (seen != null && seen.key == key) {
                    return seen.point;
                }
            }
            Counter point = pointFor(key instanceof Enum ? ((Enum<?>) key).name() : String.valueOf(key));
            if (key instanceof String || key instanceof Enum) {
                recent[next++ & (RECENT_RESULTS - 1)] = new ResultPoint(key, point);
            }
            return point;
        }

        Counter pointFor(String result) {
            Counter point = byResult.get(result);
            if (point == null) {
                point = handle.metrics.counter(Catalog.SYNC_KC_PROCESSED, labels(Catalog.SYNC_KC_PROCESSED, SyncStageKind.this, null, result));
                if (byResult.size() < handle.metrics.seriesLimit()) {
                    byResult.putIfAbsent(result, point);
                }
            }
            return point;
        }
    }

    /** A result key and its point, published together. */
    private static final class ResultPoint {
        final Object key;
        final Counter point;

        ResultPoint(Object key, Counter point) {
            this.key = key;
            this.point = point;
        }
    }
}
