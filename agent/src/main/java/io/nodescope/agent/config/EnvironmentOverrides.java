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
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
                .or(() -> protocol("OTEL_EXPORTER_OTLP_PROTOCOL"))
                .orElse(file.protocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").orElseGet(() -> {
            URI base = url("OTEL_EXPORTER_OTLP_ENDPOINT")
                    .orElse(file.base != null ? file.base : OtlpEndpoints.defaultBase(protocol));
            return OtlpEndpoints.forTraces(base, protocol);
        });
        Map<String, String> resource = new LinkedHashMap<>(file.resourceAttributes);
        resource.putAll(resourceAttributes());
        String serviceName = value("OTEL_SERVICE_NAME")
                .or(() -> Optional.ofNullable(resource.get("service.name")))
                .orElse(file.serviceName);
        resource.remove("service.name");
        double ratio = value("OTEL_TRACES_SAMPLER_ARG").flatMap(this::ratio).orElse(file.sampleRatio);
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
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL")
                .or(() -> protocol("OTEL_EXPORTER_OTLP_PROTOCOL"))
                .orElse(fileProtocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT").orElseGet(() -> OtlpEndpoints.forMetrics(
                url("OTEL_EXPORTER_OTLP_ENDPOINT").orElse(base != null ? base : OtlpEndpoints.defaultBase(protocol)), protocol));
        Duration interval = value("OTEL_METRIC_EXPORT_INTERVAL").flatMap(this::interval).orElse(fileInterval);
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
        OtlpProtocol protocol = protocol("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL")
                .or(() -> protocol("OTEL_EXPORTER_OTLP_PROTOCOL"))
                .orElse(fileProtocol);
        URI endpoint = url("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT").orElseGet(() -> OtlpEndpoints.forLogs(
                url("OTEL_EXPORTER_OTLP_ENDPOINT").orElse(base != null ? base : OtlpEndpoints.defaultBase(protocol)), protocol));
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

    private Optional<OtlpProtocol> protocol(String name) {
        return value(name).flatMap(text -> {
            Optional<OtlpProtocol> protocol = OtlpProtocol.named(text);
            if (protocol.isEmpty()) {
                problem(name, "unknown protocol '" + text + "'; expected grpc or http/protobuf");
            }
            return protocol;
        });
    }

    private Optional<URI> url(String name) {
        return value(name).flatMap(text -> {
            try {
                return Optional.of(OtlpEndpoints.parse(text));
            } catch (IllegalArgumentException e) {
                problem(name, e.getMessage());
                return Optional.empty();
            }
        });
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
        value("OTEL_RESOURCE_ATTRIBUTES").ifPresent(text -> {
            for (String pair : text.split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    problem("OTEL_RESOURCE_ATTRIBUTES", "'" + pair.trim() + "' is not key=value");
                    continue;
                }
                attributes.put(pair.substring(0, equals).trim(),
                        URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
            }
        });
        return attributes;
    }

    private void problem(String variable, String message) {
        problems.add("environment variable " + variable, 0, 0, "", message);
    }
}
