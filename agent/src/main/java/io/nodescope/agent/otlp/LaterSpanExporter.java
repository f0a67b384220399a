package io.nodescope.agent.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Supplier;

/** A span exporter made once {@link SendersGate} opens. */
public final class LaterSpanExporter implements SpanExporter {

    private final SendersGate.Later<SpanExporter> exporter;

    public LaterSpanExporter(SendersGate gate, String what, Supplier<SpanExporter> make) {
        this.exporter = gate.later(what, make);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return exporter.export(made -> made.export(spans));
    }

    @Override
    public CompletableResultCode flush() {
        return exporter.ifMade(SpanExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.ifMade(SpanExporter::shutdown);
    }
}
