package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.nodescope.fixture.LoggingApp;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4j 2 and java.util.logging, in an application that is not the sample node: a Log4j 2 pattern
 * prints the trace id the agent put in the thread context, and both frameworks' records reach the
 * OTLP receiver with the trace of the job they were written in; records below the level stay home.
 */
class LoggingFrameworksIT {

    private static final int JOBS = 3;
    private static final Pattern LOG4J_LINE = Pattern.compile("log4j INFO app.log4j job=(\\d*) trace_id=(\\w*) span_id=(\\w*): (.*)");

    @TempDir
    Path dir;

    @Test
    void log4jAndJulRecordsCarryTheTraceTheyWereWrittenIn() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            Path config = dir.resolve("nodescope.toml");
            Files.writeString(config, String.join("\n",
                    "[telemetry.traces]",
                    "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                    "[telemetry.logs]",
                    "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                    "[[rule]]",
                    "name = \"jobs\"",
                    "kind = \"command\"",
                    "class.name = \"io.nodescope.fixture.LoggingApp$Job\"",
                    "method.name = \"run\"",
                    "values.command = \"job\"",
                    ""));
            String classPath = String.join(File.pathSeparator, location(LoggingApp.class), location(LogManager.class),
                    location(Configurator.class));
            try (NodeProcess app = NodeProcess.java().agent(config).mainClass(classPath, LoggingApp.class.getName())
                    .arguments(String.valueOf(JOBS), "60", dir.resolve("go").toString()).start()) {
                // Spans and log records made before the exporters are up are not sent (they are counted): start the jobs after.
                app.awaitLine(line -> line.startsWith("[nodescope] logs: "), Patience.DATA);
                Files.createFile(dir.resolve("go"));
                app.awaitLine(line -> line.startsWith("jobs done"), Patience.DATA);
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> all.stream().filter(span -> span.name().equals("command.job")).count() == JOBS,
                        Patience.DATA);
                List<Matcher> printed = app.outputLines().stream().map(LOG4J_LINE::matcher).filter(Matcher::matches).collect(Collectors.toList());
                assertEquals(JOBS + 1, printed.size(), app.output());
                for (Matcher line : printed) {
                    if (line.group(4).equals("outside any job")) {
                        assertEquals("", line.group(2), "no trace outside a span: " + line.group());
                    } else {
                        ReceivedSpan span = spanOf(spans, line.group(3));
                        assertEquals(span.traceId(), line.group(2), line.group());
                        assertEquals("job " + line.group(1) + " running", line.group(4), "the node's own context is kept beside the ids");
                    }
                }

                List<ReceivedLogRecord> records = ReceivedLogRecord.of(receiver.awaitLogs(requests -> ReceivedLogRecord.of(requests).stream()
                        .filter(record -> record.body().contains("job ")).count() >= 2 * JOBS
                        && ReceivedLogRecord.of(requests).stream().anyMatch(record -> record.body().equals("outside any job")), Patience.DATA));
                for (ReceivedLogRecord record : records.stream().filter(r -> r.body().contains("job ")).collect(Collectors.toList())) {
                    ReceivedSpan span = spanOf(spans, record.spanId());
                    assertEquals(span.traceId(), record.traceId(), record.toString());
                    if (record.logger.equals("app.log4j")) {
                        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.record.getSeverityNumber());
                        assertTrue(record.attributes().containsKey("job"), "the thread context as attributes: " + record);
                    } else {
                        assertEquals("app.jul", record.logger, record.toString());
                        assertEquals(SeverityNumber.SEVERITY_NUMBER_WARN, record.record.getSeverityNumber());
                        assertTrue(record.body().matches("job \\d warns through java.util.logging"), record.body());
                    }
                }
                assertTrue(records.stream().noneMatch(record -> record.body().contains("detail")), "below info: " + records);
                assertEquals("", records.stream().filter(record -> record.body().equals("outside any job")).findFirst()
                        .orElseThrow().traceId());
            }
        }
    }

    private static ReceivedSpan spanOf(List<ReceivedSpan> spans, String spanId) {
        return spans.stream().filter(span -> span.spanId().equals(spanId) && span.name().equals("command.job")).findFirst()
                .orElseThrow(() -> new AssertionError("no command.job span " + spanId + " in " + spans));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
