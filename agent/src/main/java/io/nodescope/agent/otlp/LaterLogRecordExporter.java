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
        try {
            return exporter.get().export(records);
        } catch (IllegalStateException notMade) {
            return CompletableResultCode.ofFailure();
        }
    }

    @Override
    public CompletableResultCode flush() {
        LogRecordExporter made = exporter.ifMade();
        return made == null ? CompletableResultCode.ofSuccess() : made.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        LogRecordExporter made = exporter.ifMade();
        return made == null ? CompletableResultCode.ofSuccess() : made.shutdown();
    }
}
