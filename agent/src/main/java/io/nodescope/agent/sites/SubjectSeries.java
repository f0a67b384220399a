package io.nodescope.agent.sites;

import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Recording;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything a rule emits for one subject value ({@code publish}): its span name and its recorders. */
final class SubjectSeries {

    private final String subject;
    private final String spanName;
    private final Recorder[] recorders;

    /** {@code values}: the rule's values for recordings, bound to the method, by key. */
    SubjectSeries(Kind kind, String subject, MetricRegistry registry, Map<String, CompiledValue> values) {
        this.subject = subject;
        this.spanName = kind.spanPrefix().map(prefix -> prefix + subject).orElse(null);
        List<Recorder> recorders = new ArrayList<>();
        if (registry != null) {
            for (Recording recording : kind.recordings()) {
                Recorder recorder = Recorder.of(recording, kind, subject, registry, values);
                if (recorder != null) {
                    recorders.add(recorder);
                }
            }
        }
        this.recorders = recorders.toArray(new Recorder[0]);
    }

    String subject() {
        return subject;
    }

    /** Null for kinds that open no span. */
    String spanName() {
        return spanName;
    }

    /** {@code trace} is the call's span when it was sampled, else null: histograms keep it as an exemplar. */
    void record(boolean ok, long nanos, Object self, Object[] arguments, Object returned, SpanContext trace) {
        for (Recorder recorder : recorders) {
            recorder.record(ok, nanos, self, arguments, returned, trace);
        }
    }
}
