package io.nodescope.agent.sites;

import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Recording;
import java.util.List;

/** Everything a rule emits for one subject value ({@code publish}): its span name and its recorders. */
final class SubjectSeries {

    private final String subject;
    private final String spanName;
    private final Recorder[] recorders;

    SubjectSeries(Kind kind, String subject, MetricRegistry registry) {
        this.subject = subject;
        this.spanName = kind.spanPrefix().map(prefix -> prefix + subject).orElse(null);
        List<Recording> recordings = registry == null ? List.of() : kind.recordings();
        this.recorders = new Recorder[recordings.size()];
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = Recorder.of(recordings.get(i), subject, registry);
        }
    }

    String subject() {
        return subject;
    }

    /** Null for kinds that open no span. */
    String spanName() {
        return spanName;
    }

    void record(boolean ok, long nanos) {
        for (Recorder recorder : recorders) {
            recorder.record(ok, nanos);
        }
    }
}
