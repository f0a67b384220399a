package io.nodescope.agent.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The standard OpenTelemetry environment variables, which win over the file: the more specific
 * {@code _TRACES_} variable over the general one, and both over {@code [telemetry.traces]}.
 *
 * <p>Read in {@code premain}, as the rest of the {@code [telemetry]} sections ({@link ConfigLoader#decideStart}),
 * so written without lambdas: the JVM links each on its first use, some 0.25 ms there.
 */
final class EnvironmentOverrides {

    private final Map<String, String> environment;
    private final Problems problems;

    EnvironmentOverrides(Map<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    TracesConfig apply(TraceSettings file) {
        boolean enabled = file.enabled
                && !"true".equalsIgnoreCase(value("OTEL_SDK_DISABLED").orElse(""))
                && !"none".equals(value("OTEL_TRACES_EXPORTER").orElse(""));
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", file.protocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (endpoint == null) {
            endpoint = OtlpEndpoints.forTraces(base(file.base, protocol), protocol);
        }
        Map<String, String> resource = new LinkedHashMap<>(file.resourceAttributes);
        resource.putAll(resourceAttributes());
        String serviceName = value("OTEL_SERVICE_NAME").orElse(resource.getOrDefault("service.name", file.serviceName));
        resource.remove("service.name");
        Optional<String> ratioText = value("OTEL_TRACES_SAMPLER_ARG");
        double ratio = ratioText.isPresent() ? ratio(ratioText.get()).orElse(file.sampleRatio) : file.sampleRatio;
        return new TracesConfig(enabled, endpoint, protocol, serviceName, ratio, file.keepErrors, resource);
    }

    /** {@code OTEL_METRICS_EXPORTER} ({@code prometheus}, {@code otlp}, both comma-separated, or {@code none}) over the file's. */
    Set<String> metricsExporters(Set<String> file) {
        Optional<String> text = value("OTEL_METRICS_EXPORTER");
        if (text.isEmpty()) {
            return file;
        }
        Set<String> exporters = new LinkedHashSet<>();
        for (String name : text.get().split(",")) {
            String exporter = name.trim();
            if (MetricsExporters.KNOWN.contains(exporter)) {
                exporters.add(exporter);
            } else if (!exporter.equals("none")) {
                problem("OTEL_METRICS_EXPORTER", "unknown exporter '" + exporter + "'; expected prometheus, otlp or none");
            }
        }
        return exporters;
    }

    /**
     * The OTLP push after {@code OTEL_EXPORTER_OTLP_METRICS_*} (then {@code OTEL_EXPORTER_OTLP_*})
     * and {@code OTEL_METRIC_EXPORT_INTERVAL} (milliseconds); {@code base} is null when the file gives none.
     */
    MetricsPush metricsPush(URI base, OtlpProtocol fileProtocol, Duration fileInterval) {
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", fileProtocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (endpoint == null) {
            endpoint = OtlpEndpoints.forMetrics(base(base, protocol), protocol);
        }
        Optional<String> millis = value("OTEL_METRIC_EXPORT_INTERVAL");
        Duration interval = millis.isPresent() ? interval(millis.get()).orElse(fileInterval) : fileInterval;
        return new MetricsPush(endpoint, protocol, interval);
    }

    /**
     * {@code [telemetry.logs]} after {@code OTEL_LOGS_EXPORTER} ({@code none} switches it off; the
     * file alone switches it on) and {@code OTEL_EXPORTER_OTLP_LOGS_*}, then {@code OTEL_EXPORTER_OTLP_*};
     * {@code base} is null when the file gives none.
     */
    LogsConfig logs(boolean enabled, URI base, OtlpProtocol fileProtocol, LogsConfig.Level level) {
        boolean on = enabled && !"true".equalsIgnoreCase(value("OTEL_SDK_DISABLED").orElse(""))
                && !"none".equals(value("OTEL_LOGS_EXPORTER").orElse(""));
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", fileProtocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
        if (endpoint == null) {
            endpoint = OtlpEndpoints.forLogs(base(base, protocol), protocol);
        }
        return new LogsConfig(on, endpoint, protocol, level);
    }

    private Optional<Duration> interval(String millis) {
        try {
            long value = Long.parseLong(millis);
            if (value >= 1000 && value <= MetricsPush.MAX_INTERVAL_SECONDS * 1000L) {
                return Optional.of(Duration.ofMillis(value));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem("OTEL_METRIC_EXPORT_INTERVAL", "'" + millis + "' is not a number of milliseconds from 1000 to "
                + MetricsPush.MAX_INTERVAL_SECONDS * 1000L);
        return Optional.empty();
    }

    private Optional<String> value(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The protocol the variable {@code name} gives, else {@code OTEL_EXPORTER_OTLP_PROTOCOL}'s, else the file's. */
    private OtlpProtocol protocol(String name, OtlpProtocol file) {
        OtlpProtocol protocol = protocol(name);
        if (protocol == null) {
            protocol = protocol("OTEL_EXPORTER_OTLP_PROTOCOL");
        }
        return protocol != null ? protocol : file;
    }

    /** The base URL {@code OTEL_EXPORTER_OTLP_ENDPOINT} gives, else the file's, else the protocol's default. */
    private URI base(URI file, OtlpProtocol protocol) {
        URI base = url("OTEL_EXPORTER_OTLP_ENDPOINT");
        return base != null ? base : file != null ? file : OtlpEndpoints.defaultBase(protocol);
    }

    /** Null when the variable is not set, or is wrong (reported). */
    private OtlpProtocol protocol(String name) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return null;
        }
        Optional<OtlpProtocol> protocol = OtlpProtocol.named(text.get());
        if (protocol.isEmpty()) {
            problem(name, "unknown protocol '" + text.get() + "'; expected grpc or http/protobuf");
            return null;
        }
        return protocol.get();
    }

    /** Null when the variable is not set, or is wrong (reported). */
    private URI url(String name) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OtlpEndpoints.parse(text.get());
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage());
            return null;
        }
    }

    private Optional<Double> ratio(String text) {
        try {
            double ratio = Double.parseDouble(text);
            if (ratio >= 0 && ratio <= 1) {
                return Optional.of(ratio);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem("OTEL_TRACES_SAMPLER_ARG", "'" + text + "' is not a ratio between 0.0 and 1.0");
        return Optional.empty();
    }

    /** {@code key1=value1,key2=value2}, values percent-encoded as the OpenTelemetry specification says. */
    private Map<String, String> resourceAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        Optional<String> text = value("OTEL_RESOURCE_ATTRIBUTES");
        if (text.isEmpty()) {
            return attributes;
        }
        for (String pair : text.get().split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                problem("OTEL_RESOURCE_ATTRIBUTES", "'" + pair.trim() + "' is not key=value");
                continue;
            }
            attributes.put(pair.substring(0, equals).trim(),
                    URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
        }
        return attributes;
    }

    private void problem(String variable, String message) {
        problems.add("environment variable " + variable, 0, 0, "", message);
    }
}
