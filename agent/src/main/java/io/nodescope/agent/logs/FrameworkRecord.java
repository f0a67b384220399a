package io.nodescope.agent.logs;

import io.opentelemetry.api.logs.Severity;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * How to read one logging framework's record. java.util.logging's is read directly; Logback's and
 * Log4j 2's are in the node's class loader, so their public accessors are looked up once per class.
 */
abstract class FrameworkRecord {

    static final FrameworkRecord UNKNOWN = new FrameworkRecord() {
    };

    private static final String LOGBACK_EVENT = "ch.qos.logback.classic.spi.ILoggingEvent";
    private static final String LOG4J_EVENT = "org.apache.logging.log4j.core.LogEvent";
    private static final Accessor FORMATTED = new Accessor("org.apache.logging.log4j.message.Message", "getFormattedMessage");
    private static final Accessor TO_MAP = new Accessor("org.apache.logging.log4j.util.ReadOnlyStringMap", "toMap");
    /** Logback's {@code ThrowableProxy} declares it on the class, not on its interface. */
    private static final Accessor THROWABLE = new Accessor(null, "getThrowable");

    static FrameworkRecord of(Class<?> type) {
        if (LogRecord.class.isAssignableFrom(type)) {
            return new Jul();
        }
        Class<?> logback = implemented(type, LOGBACK_EVENT);
        if (logback != null) {
            return new Logback(logback);
        }
        Class<?> log4j = implemented(type, LOG4J_EVENT);
        return log4j != null ? new Log4j(log4j) : UNKNOWN;
    }

    Severity severity(Object record) {
        return Severity.UNDEFINED_SEVERITY_NUMBER;
    }

    String levelName(Object record) {
        return null;
    }

    String logger(Object record) {
        return null;
    }

    Object message(Object record) {
        return null;
    }

    long epochMillis(Object record) {
        return System.currentTimeMillis();
    }

    String thread(Object record) {
        return null;
    }

    Throwable thrown(Object record) {
        return null;
    }

    Map<String, String> context(Object record) {
        return Map.of();
    }

    /** The interface named {@code name} among those {@code type} implements, at any depth; null when none. */
    private static Class<?> implemented(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (implemented.getName().equals(name)) {
                    return implemented;
                }
                Class<?> deeper = implemented(implemented, name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    static Object call(Method method, Object target) {
        try {
            return target == null ? null : method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + method + ": " + e, e);
        }
    }

    static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no " + name + "()", e);
        }
    }

    /** OpenTelemetry's severity for the standard level names Logback and Log4j 2 share (Log4j 2 adds FATAL). */
    static Severity severityNamed(String level) {
        switch (level) {
            case "TRACE":
                return Severity.TRACE;
            case "DEBUG":
                return Severity.DEBUG;
            case "INFO":
                return Severity.INFO;
            case "WARN":
                return Severity.WARN;
            case "ERROR":
                return Severity.ERROR;
            case "FATAL":
                return Severity.FATAL;
            default:
                return Severity.UNDEFINED_SEVERITY_NUMBER;
        }
    }

    /**
     * A no-argument accessor of the objects a record hands out (a message, a context map), found
     * once per runtime class through the interface that declares it (the class itself need not be
     * public), or on the class when no interface is named.
     */
    private static final class Accessor extends ClassValue<Optional<Method>> {
        private final String declaringInterface;
        private final String name;

        Accessor(String declaringInterface, String name) {
            this.declaringInterface = declaringInterface;
            this.name = name;
        }

        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            Class<?> declaring = declaringInterface == null ? type : implemented(type, declaringInterface);
            try {
                return declaring == null ? Optional.empty() : Optional.of(declaring.getMethod(name));
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }

        /** What the accessor gives on {@code target}; null when it is null or has no such accessor. */
        Object read(Object target) {
            return target == null ? null : get(target.getClass()).map(accessor -> call(accessor, target)).orElse(null);
        }
    }

    private static final class Jul extends FrameworkRecord {
        @Override
        Severity severity(Object record) {
            int level = ((LogRecord) record).getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                return Severity.ERROR;
            }
            if (level >= Level.WARNING.intValue()) {
                return Severity.WARN;
            }
            if (level >= Level.INFO.intValue()) {
                return Severity.INFO;
            }
            return level >= Level.FINE.intValue() ? Severity.DEBUG : Severity.TRACE;
        }

        @Override
        String levelName(Object record) {
            return ((LogRecord) record).getLevel().getName();
        }

        @Override
        String logger(Object record) {
            return ((LogRecord) record).getLoggerName();
        }

        @Override
        Object message(Object record) {
            LogRecord log = (LogRecord) record;
            Object[] parameters = log.getParameters();
            String text = log.getMessage();
            if (text == null || parameters == null || parameters.length == 0) {
                return text;
            }
            try {
                return java.text.MessageFormat.format(text, parameters);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }

        @Override
        long epochMillis(Object record) {
            return ((LogRecord) record).getMillis();
        }

        @Override
        String thread(Object record) {
            return Thread.currentThread().getName();  // java.util.logging logs on the thread that wrote the record
        }

        @Override
        Throwable thrown(Object record) {
            return ((LogRecord) record).getThrown();
        }
    }

    /** A record read through the public accessors of the framework's event interface, the ones both frameworks name alike. */
    private abstract static class Reflective extends FrameworkRecord {
        private final Method level;
        private final Method logger;
        private final Method time;
        private final Method thread;

        Reflective(Class<?> event, String timeAccessor) {
            level = method(event, "getLevel");
            logger = method(event, "getLoggerName");
            time = method(event, timeAccessor);
            thread = method(event, "getThreadName");
        }

        @Override
        Severity severity(Object record) {
            return severityNamed(levelName(record));
        }

        @Override
        String levelName(Object record) {
            return String.valueOf(call(level, record));
        }

        @Override
        String logger(Object record) {
            return (String) call(logger, record);
        }

        @Override
        long epochMillis(Object record) {
            return (Long) call(time, record);
        }

        @Override
        String thread(Object record) {
            return (String) call(thread, record);
        }

        @SuppressWarnings("unchecked")
        static Map<String, String> asMap(Object map) {
            return map instanceof Map ? (Map<String, String>) map : Map.of();
        }
    }

    /** Logback's {@code ILoggingEvent}. */
    private static final class Logback extends Reflective {
        private final Method message;
        private final Method throwableProxy;
        private final Method context;

        Logback(Class<?> event) {
            super(event, "getTimeStamp");
            message = method(event, "getFormattedMessage");
            throwableProxy = method(event, "getThrowableProxy");
            context = method(event, "getMDCPropertyMap");
        }

        @Override
        Object message(Object record) {
            return call(message, record);
        }

        /** Logback keeps a proxy of the exception; its {@code ThrowableProxy} holds the exception itself. */
        @Override
        Throwable thrown(Object record) {
            Object thrown = THROWABLE.read(call(throwableProxy, record));
            return thrown instanceof Throwable ? (Throwable) thrown : null;
        }

        @Override
        Map<String, String> context(Object record) {
            return asMap(call(context, record));
        }
    }

    /** Log4j 2's {@code LogEvent}. */
    private static final class Log4j extends Reflective {
        private final Method message;
        private final Method thrown;
        private final Method context;

        Log4j(Class<?> event) {
            super(event, "getTimeMillis");
            message = method(event, "getMessage");
            thrown = method(event, "getThrown");
            context = method(event, "getContextData");
        }

        /** Through the {@code Message} interface: a message's class need not be public. */
        @Override
        Object message(Object record) {
            Object value = call(message, record);
            Object formatted = FORMATTED.read(value);
            return formatted != null ? formatted : value;
        }

        @Override
        Throwable thrown(Object record) {
            return (Throwable) call(thrown, record);
        }

        @Override
        Map<String, String> context(Object record) {
            return asMap(TO_MAP.read(call(context, record)));
        }
    }
}
