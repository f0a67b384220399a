package io.nodescope.agent.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.function.Supplier;

/** A log record exporter made once {@link SendersGate} opens. */
public final class LaterLogRecordExporter implements LogRecordExporter {

    private final SendersGate.Later<LogRecordExporter> exporter;

    public LaterLogRecordExporter(SendersGate gate, String what, Supplier<LogRecordExporter> make) {
        this.exporter = gate.later(what, make);
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> records) {
        return exporter.export(made -> made.export(records));
    }

    @Override
    public CompletableResultCode flush() {
        return exporter.ifMade(LogRecordExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.ifMade(LogRecordExporter::shutdown);
    }
}
