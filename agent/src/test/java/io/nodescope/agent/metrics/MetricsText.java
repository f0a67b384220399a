package io.nodescope.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry as Prometheus text, parsed into sample lines, for assertions. */
public final class MetricsText {

    private final String text;
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private MetricsText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
    }

    public static MetricsText of(MetricRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, new RegistryCollector(registry).collect(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    public static MetricsText parse(String exposition) {
        return new MetricsText(exposition);
    }

    /** The value of one sample, written exactly as exposed: {@code name{label="value",...}}. */
    public double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) {
            throw new AssertionError("no sample " + sample + " in:\n" + text);
        }
        return value;
    }

    /** Every sample, keyed as exposed. */
    public Map<String, Double> samples() {
        return Collections.unmodifiableMap(samples);
    }

    /** The samples of one metric, by their full name with labels. */
    public Map<String, Double> samples(String metric) {
        Map<String, Double> found = new LinkedHashMap<>();
        samples.forEach((sample, value) -> {
            if (sample.startsWith(metric + "{")) {
                found.put(sample, value);
            }
        });
        return found;
    }

    public boolean has(String sample) {
        return samples.containsKey(sample);
    }

    public String text() {
        return text;
    }
}
