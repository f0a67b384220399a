package io.nodescope.agent.logs;

import io.nodescope.agent.config.LogsConfig;
import io.nodescope.agent.config.SpanAttributePolicy;
import io.nodescope.agent.sites.ExceptionEvent;
import io.nodescope.instrumentation.propagation.LogContext;
import io.nodescope.instrumentation.site.AttributeHash;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Log records of Logback, Log4j 2 and java.util.logging as OpenTelemetry log records: body, severity,
 * time, the logger as the instrumentation scope, the thread, the MDC or context map as attributes
 * (under the span attribute policy), the exception as {@code exception.*}, and the trace that is
 * current on the logging thread.
 */
final class LogRecords {

    private static final AttributeKey<String> THREAD = AttributeKey.stringKey("thread.name");

    private final LoggerProvider loggers;
    private final int minimumSeverity;
    private final SpanAttributePolicy policy;
    private final ExceptionEvent exceptions;
    private final ClassValue<FrameworkRecord> frameworks = new ClassValue<>() {
        @Override
        protected FrameworkRecord computeValue(Class<?> type) {
            return FrameworkRecord.of(type);
        }
    };

    LogRecords(LoggerProvider loggers, LogsConfig.Level level, SpanAttributePolicy policy) {
        this.loggers = loggers;
        this.minimumSeverity = level.severity();
        this.policy = policy;
        this.exceptions = new ExceptionEvent(policy);
    }

    /** Whether {@code record} is one the export reads and at or above the configured level. */
    boolean wanted(Object record) {
        FrameworkRecord framework = frameworks.get(record.getClass());
        return framework != FrameworkRecord.UNKNOWN && framework.severity(record).getSeverityNumber() >= minimumSeverity;
    }

    void emit(Object record) {
        FrameworkRecord framework = frameworks.get(record.getClass());
        AttributesBuilder attributes = Attributes.builder();
        String thread = framework.thread(record);
        if (thread != null) {
            attributes.put(THREAD, thread);
        }
        for (Map.Entry<String, String> entry : framework.context(record).entrySet()) {
            put(attributes, entry.getKey(), entry.getValue());
        }
        Throwable thrown = framework.thrown(record);
        if (thrown != null) {
            attributes.putAll(exceptions.attributes(thrown));
        }
        Severity severity = framework.severity(record);
        String logger = framework.logger(record);
        loggers.get(logger == null || logger.isEmpty() ? "root" : logger).logRecordBuilder()
                .setTimestamp(framework.epochMillis(record), TimeUnit.MILLISECONDS)
                .setSeverity(severity)
                .setSeverityText(framework.levelName(record))
                .setBody(String.valueOf(framework.message(record)))
                .setAllAttributes(attributes.build())
                .setContext(Context.current())
                .emit();
    }

    /** A context entry as an attribute, as the span policy says; the trace ids are the record's own context already. */
    private void put(AttributesBuilder attributes, String key, String value) {
        if (key == null || value == null || key.equals(LogContext.TRACE_ID) || key.equals(LogContext.SPAN_ID)
                || key.equals(LogContext.TRACE_FLAGS) || policy.drops(key)) {
            return;
        }
        attributes.put(AttributeKey.stringKey(key), policy.hashes(key) ? AttributeHash.of(value) : value);
    }
}
