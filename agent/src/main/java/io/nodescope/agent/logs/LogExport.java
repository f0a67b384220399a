package io.nodescope.agent.logs;

import io.nodescope.agent.config.LogsConfig;
import io.nodescope.agent.config.OtlpProtocol;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.otlp.LaterLogRecordExporter;
import io.nodescope.agent.otlp.OtlpSenders;
import io.nodescope.agent.otlp.SendersGate;
import io.nodescope.agent.sites.LogSink;
import io.nodescope.agent.traces.ExportBudget;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The node's log records over OTLP: a bounded batch queue (records past it are dropped and
 * counted, never waited for), failed exports counted, the logging thread never blocked.
 */
public final class LogExport implements LogSink, AutoCloseable {

    /** Bounded so that an unreachable backend costs at most this many records of memory. */
    static final int MAX_QUEUED_RECORDS = 2048;
    private static final long SHUTDOWN_WAIT_MILLIS = 500;

    private final SdkLoggerProvider provider;
    private final LogRecords records;
    private final ExportBudget budget;
    private final SendersGate senders;

    private LogExport(SdkLoggerProvider provider, LogRecords records, ExportBudget budget, SendersGate senders) {
        this.provider = provider;
        this.records = records;
        this.budget = budget;
        this.senders = senders;
    }

    /** Records are queued from now on and sent once {@code senders} opens. */
    public static LogExport start(LogsConfig config, SpanAttributePolicy policy, Resource resource, CounterPoint failures,
            CounterPoint dropped, SendersGate senders) {
        ExportBudget budget = new ExportBudget(MAX_QUEUED_RECORDS, dropped);
        LogRecordExporter later = new LaterLogRecordExporter(senders, "OTLP log record exporter", () -> exporter(config));
        LogRecordExporter exporter = new Counted(later, budget, failures, config.endpoint().toString());
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter)
                        .setMaxQueueSize(MAX_QUEUED_RECORDS)
                        .setScheduleDelay(Duration.ofSeconds(1))
                        .build())
                .build();
        return new LogExport(provider, new LogRecords(provider, config.level(), policy), budget, senders);
    }

    private static LogRecordExporter exporter(LogsConfig config) {
        String endpoint = config.endpoint().toString();
        if (config.protocol() == OtlpProtocol.GRPC) {
            return OtlpGrpcLogRecordExporter.builder().setComponentLoader(OtlpSenders.grpc())
                    .setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10)).build();
        }
        return OtlpHttpLogRecordExporter.builder().setComponentLoader(OtlpSenders.http())
                .setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void accept(Object record) {
        if (records.wanted(record) && budget.admit()) {
            records.emit(record);
        }
    }

    /** Exports what is queued as the JVM exits: the senders made first if they were not yet, then waiting half a second at most. */
    @Override
    public void close() {
        senders.openToExit();
        provider.shutdown().join(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Gives the records' room back once each export has finished, and counts the failed ones. */
    private static final class Counted implements LogRecordExporter {
        private final LogRecordExporter delegate;
        private final ExportBudget budget;
        private final CounterPoint failures;
        private final String endpoint;

        Counted(LogRecordExporter delegate, ExportBudget budget, CounterPoint failures, String endpoint) {
            this.delegate = delegate;
            this.budget = budget;
            this.failures = failures;
            this.endpoint = endpoint;
        }

        @Override
        public CompletableResultCode export(Collection<LogRecordData> records) {
            CompletableResultCode result = delegate.export(records);
            budget.releaseWhenDone(result, records.size(), "log records", failures, endpoint);
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
