package io.nodescope.agent.logs;

import io.nodescope.agent.otlp.SendersGate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.CounterPoint;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** java.util.logging records as OpenTelemetry log records, and a backend that never answers. */
class LogExportTest {

    @TempDir
    Path dir;

    @Test
    void aJulRecordKeepsItsLevelLoggerMessageAndExceptionWithoutItsMessage() throws Exception {
        List<LogRecordData> exported = new ArrayList<>();
        AgentConfig config = TestConfigs.load(dir, "[telemetry.logs]\nlevel = 'info'\n");
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(new Collecting(exported))).build()) {
            LogRecords records = new LogRecords(provider, config.logs().level(), config.spanAttributes());
            LogRecord warning = new LogRecord(Level.WARNING, "peer {0} answered {1}");
            warning.setParameters(new Object[] {"QmPeer", 503});
            warning.setLoggerName("org.example.Network");
            warning.setThrown(new IllegalStateException("secret input"));
            LogRecord fine = new LogRecord(Level.FINE, "detail");
            assertTrue(records.wanted(warning));
            assertFalse(records.wanted(fine), "below the configured level");
            assertFalse(records.wanted("not a record"));
            records.emit(warning);
        }
        assertEquals(1, exported.size());
        LogRecordData record = exported.get(0);
        assertEquals(Severity.WARN, record.getSeverity());
        assertEquals("WARNING", record.getSeverityText());
        assertEquals("peer QmPeer answered 503", record.getBodyValue().asString());
        assertEquals("org.example.Network", record.getInstrumentationScopeInfo().getName());
        assertEquals("java.lang.IllegalStateException", record.getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertEquals(null, record.getAttributes().get(AttributeKey.stringKey("exception.message")), "messages stay home by default");
        assertFalse(record.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")).contains("secret input"));
    }

    @Test
    void aBackendThatNeverAnswersCostsABoundedQueueAndCountsTheRest() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());  // takes each connection and never answers
                    }
                } catch (Exception e) {
                    // the test closed the socket
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AgentConfig config = TestConfigs.load(dir, "[telemetry.logs]\nprotocol = 'http/protobuf'\notlp_endpoint = 'http://127.0.0.1:"
                    + silent.getLocalPort() + "'\n");
            CounterPoint failures = new CounterPoint();
            CounterPoint dropped = new CounterPoint();
            try (LogExport export = LogExport.start(config.logs(), config.spanAttributes(), Resource.empty(), failures, dropped, new SendersGate())) {
                for (int i = 0; i < 5000; i++) {
                    export.accept(new LogRecord(Level.INFO, "record " + i));
                }
                assertEquals(5000 - LogExport.MAX_QUEUED_RECORDS, dropped.value(), "queued up to the bound, the rest counted");
            }
        }
    }

    /** Keeps what it is given. */
    private static final class Collecting implements LogRecordExporter {
        private final List<LogRecordData> exported;

        Collecting(List<LogRecordData> exported) {
            this.exported = exported;
        }

        @Override
        public CompletableResultCode export(Collection<LogRecordData> records) {
            exported.addAll(records);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
