package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the Debian {@code prometheus} package) run as a child process for
 * integration tests: it scrapes the given targets every second, optionally evaluates rule files,
 * and answers PromQL over its HTTP API.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start("node", List.of("127.0.0.1:9464"))) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(30));
 *     PrometheusServer.QueryResult r =
 *         prometheus.awaitNonEmpty("rate(node_command_total[1m])", Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>The binary is taken from the {@code PROMETHEUS_BIN} environment variable, else
 * {@code /usr/bin/prometheus}. Configuration, TSDB and log live in a temporary directory that
 * {@link #close()} deletes after stopping the process (and its descendants). Independent of any
 * test framework; timeouts of the {@code await*} methods are reported as {@link AssertionError}.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Environment variable naming the Prometheus binary. */
    public static final String BINARY_ENV = "PROMETHEUS_BIN";
    /** Binary used when {@link #BINARY_ENV} is not set (Debian package). */
    public static final String DEFAULT_BINARY = "/usr/bin/prometheus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final URI baseUri;
    private final int expectedTargets;
    private final HttpClient http;
    private final Thread shutdownHook;
    private boolean closed;

    private PrometheusServer(Process process, Path workDir, Path logFile, URI baseUri,
                             int expectedTargets, HttpClient http) {
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        this.baseUri = baseUri;
        this.expectedTargets = expectedTargets;
        this.http = http;
        this.shutdownHook = new Thread(this::stopProcess, "prometheus-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Prometheus with one scrape job {@code jobName} over {@code targets} ({@code host:port}). */
    public static PrometheusServer start(String jobName, List<String> targets) {
        return builder().scrapeJob(jobName, targets).start();
    }

    /** Same as {@link #start(String, List)} and also loads the given rule files. */
    public static PrometheusServer start(String jobName, List<String> targets, List<Path> ruleFiles) {
        Builder builder = builder().scrapeJob(jobName, targets);
        for (Path ruleFile : ruleFiles) {
            builder.ruleFile(ruleFile);
        }
        return builder.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** The temporary directory holding {@code prometheus.yml}, the TSDB and {@code prometheus.log}. */
    public Path workDir() {
        return workDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Runs an instant query ({@code /api/v1/query}) at the server's current time. */
    public QueryResult query(String promql) {
        Objects.requireNonNull(promql, "promql");
        JsonNode body = getJson("/api/v1/query?query=" + encode(promql));
        return new QueryResult(promql, body);
    }

    /**
     * Polls {@code promql} until it returns at least one sample (vector/matrix with one series or
     * more, or a scalar/string). Fails fast when Prometheus rejects the query.
     *
     * @throws AssertionError on timeout, with the last result and the scrape targets' health
     */
    public QueryResult awaitNonEmpty(String promql, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        QueryResult last = null;
        RuntimeException lastFailure = null;
        while (true) {
            try {
                last = query(promql);
                lastFailure = null;
                if (!last.isEmpty()) {
                    return last;
                }
            } catch (PrometheusQueryException e) {
                if ("bad_data".equals(e.errorType())) {
                    throw e; // bad PromQL does not become good by waiting
                }
                lastFailure = e;
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("PromQL returned no data within " + timeout
                        + ": " + promql
                        + "\n  last result: " + (last == null ? "-" : last.rawJson())
                        + "\n  targets: " + describeTargetsQuietly());
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            sleep(POLL);
        }
    }

    /**
     * Polls {@code /api/v1/targets} until every configured target has been scraped with health
     * {@code up}.
     *
     * @throws AssertionError on timeout, naming each target's health and last scrape error
     */
    public void awaitTargetsUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "-";
        while (true) {
            try {
                JsonNode active = getJson("/api/v1/targets?state=active").path("data").path("activeTargets");
                int up = 0;
                for (JsonNode target : active) {
                    if ("up".equals(target.path("health").asText())) {
                        up++;
                    }
                }
                lastState = describeTargets(active);
                if (active.size() >= expectedTargets && up == active.size()) {
                    return;
                }
            } catch (RuntimeException e) {
                lastState = e.toString();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Prometheus targets not all up within " + timeout
                        + " (expected " + expectedTargets + "): " + lastState);
            }
            sleep(POLL);
        }
    }

    /** Values of {@code label} over the series matched by {@code matchSelector} (like Grafana's {@code label_values}). */
    public List<String> labelValues(String label, String matchSelector) {
        String path = "/api/v1/label/" + encode(label) + "/values"
                + (matchSelector == null ? "" : "?" + encode("match[]") + "=" + encode(matchSelector));
        List<String> values = new ArrayList<>();
        for (JsonNode value : getJson(path).path("data")) {
            values.add(value.asText());
        }
        return values;
    }

    /** {@code GET} a Prometheus API path (e.g. {@code /api/v1/rules}, {@code /api/v1/alerts}) and parse the JSON body. */
    public JsonNode getJson(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " -> HTTP " + response.statusCode()
                    + ", not JSON: " + abbreviate(response.body()), e);
        }
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new PrometheusQueryException(body.path("errorType").asText(), "GET " + request.uri()
                    + " -> HTTP " + response.statusCode() + " " + body.path("errorType").asText() + ": "
                    + body.path("error").asText());
        }
        return body;
    }

    /** The last {@code lines} lines of Prometheus' own log (stdout and stderr). */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** Stops Prometheus and its descendants, waits for them to exit and deletes the work directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; stopping twice is harmless
        }
        stopProcess();
        deleteRecursively(workDir);
    }

    private void stopProcess() {
        stop(process);
    }

    private String describeTargetsQuietly() {
        try {
            return describeTargets(getJson("/api/v1/targets?state=active").path("data").path("activeTargets"));
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static String describeTargets(JsonNode activeTargets) {
        if (activeTargets.size() == 0) {
            return "[no active targets yet]";
        }
        StringBuilder sb = new StringBuilder("[");
        for (Iterator<JsonNode> it = activeTargets.iterator(); it.hasNext(); ) {
            JsonNode target = it.next();
            sb.append(target.path("labels").path("job").asText()).append('/')
              .append(target.path("scrapeUrl").asText()).append(' ')
              .append(target.path("health").asText());
            String lastError = target.path("lastError").asText();
            if (!lastError.isEmpty()) {
                sb.append(" (").append(lastError).append(')');
            }
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------------------------------
    // result model

    /** Parsed answer of an instant query. */
    public static final class QueryResult {
        private final String promql;
        private final JsonNode body;
        private final String resultType;
        private final List<Sample> samples;
        private final int seriesCount;
        private final int sampleCount;

        QueryResult(String promql, JsonNode body) {
            this.promql = promql;
            this.body = body;
            JsonNode data = body.path("data");
            this.resultType = data.path("resultType").asText();
            JsonNode result = data.path("result");
            List<Sample> parsed = new ArrayList<>();
            int series = 0;
            int count = 0;
            switch (resultType) {
                case "vector":
                    for (JsonNode s : result) {
                        parsed.add(new Sample(labels(s.path("metric")), s.path("value").path(1).asText()));
                    }
                    series = result.size();
                    count = result.size();
                    break;
                case "matrix":
                    for (JsonNode s : result) {
                        JsonNode values = s.path("values");
                        if (values.size() > 0) {
                            parsed.add(new Sample(labels(s.path("metric")),
                                    values.path(values.size() - 1).path(1).asText()));
                        }
                        count += values.size();
                    }
                    series = result.size();
                    break;
                case "scalar":
                case "string":
                    parsed.add(new Sample(Collections.<String, String>emptyMap(), result.path(1).asText()));
                    series = 1;
                    count = 1;
                    break;
                default:
                    break;
            }
            this.samples = Collections.unmodifiableList(parsed);
            this.seriesCount = series;
            this.sampleCount = count;
        }

        public String promql() {
            return promql;
        }

        /** {@code vector}, {@code matrix}, {@code scalar} or {@code string}. */
        public String resultType() {
            return resultType;
        }

        public int seriesCount() {
            return seriesCount;
        }

        public int sampleCount() {
            return sampleCount;
        }

        public boolean isEmpty() {
            return sampleCount == 0;
        }

        /** One entry per series: its labels and its (latest) value. */
        public List<Sample> samples() {
            return samples;
        }

        /** The value of the only sample; fails if there is not exactly one. */
        public double singleValue() {
            if (samples.size() != 1) {
                throw new IllegalStateException("expected exactly one sample for " + promql + " but got "
                        + samples.size() + ": " + rawJson());
            }
            return samples.get(0).value();
        }

        /** The {@code data.result} node as returned by Prometheus. */
        public JsonNode result() {
            return body.path("data").path("result");
        }

        public JsonNode rawBody() {
            return body;
        }

        public String rawJson() {
            return body.toString();
        }

        @Override
        public String toString() {
            return resultType + " with " + seriesCount + " series / " + sampleCount + " samples for " + promql;
        }

        private static Map<String, String> labels(JsonNode metric) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            return Collections.unmodifiableMap(labels);
        }
    }

    /** One series of a result: labels and value (Prometheus sends values as strings, e.g. {@code "NaN"}). */
    public static final class Sample {
        private final Map<String, String> labels;
        private final String rawValue;

        Sample(Map<String, String> labels, String rawValue) {
            this.labels = labels;
            this.rawValue = rawValue;
        }

        public Map<String, String> labels() {
            return labels;
        }

        public String label(String name) {
            return labels.get(name);
        }

        public double value() {
            switch (rawValue) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return Double.parseDouble(rawValue);
            }
        }

        public String rawValue() {
            return rawValue;
        }

        @Override
        public String toString() {
            return labels + "=" + rawValue;
        }
    }

    /** Prometheus answered with {@code status: error} (e.g. a PromQL parse error). */
    public static final class PrometheusQueryException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String errorType;

        PrometheusQueryException(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        /** Prometheus' {@code errorType}, e.g. {@code bad_data} for a PromQL syntax error. */
        public String errorType() {
            return errorType;
        }
    }

    // ------------------------------------------------------------------------------------------
    // builder and process management

    /** Configures and starts a {@link PrometheusServer}. */
    public static final class Builder {
        private final Map<String, List<String>> scrapeJobs = new LinkedHashMap<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private Path configFile;
        private int configFileTargets;
        private Path binary;
        private Duration scrapeInterval = Duration.ofSeconds(1);
        private Duration evaluationInterval = Duration.ofSeconds(1);
        private Duration readyTimeout = Duration.ofSeconds(60);
        private final List<String> features = new ArrayList<>();

        private Builder() {
        }

        /** Turns on a feature flag, e.g. {@code exemplar-storage}. */
        public Builder feature(String feature) {
            features.add(feature);
            return this;
        }

        /** Adds a scrape job; targets are {@code host:port}, scraped at {@code /metrics} over http. */
        public Builder scrapeJob(String jobName, List<String> targets) {
            Objects.requireNonNull(jobName, "jobName");
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("scrape job " + jobName + " needs at least one target");
            }
            if (scrapeJobs.putIfAbsent(jobName, new ArrayList<>(targets)) != null) {
                throw new IllegalArgumentException("duplicate scrape job " + jobName);
            }
            return this;
        }

        public Builder ruleFile(Path ruleFile) {
            ruleFiles.add(ruleFile.toAbsolutePath());
            return this;
        }

        /**
         * Runs with this {@code prometheus.yml} as it is (relative paths in it resolve against its
         * directory) instead of one written from the scrape jobs and rule files; {@code targets}
         * is how many scrape targets it has, for {@link #awaitTargetsUp}.
         */
        public Builder configFile(Path file, int targets) {
            this.configFile = file.toAbsolutePath();
            this.configFileTargets = targets;
            return this;
        }

        /** Overrides {@code PROMETHEUS_BIN} / {@code /usr/bin/prometheus}. */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        public Builder evaluationInterval(Duration interval) {
            this.evaluationInterval = interval;
            return this;
        }

        /** How long to wait for {@code /-/ready}; 60 s by default. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public PrometheusServer start() {
            if (scrapeJobs.isEmpty() && configFile == null) {
                throw new IllegalStateException("no scrape job configured");
            }
            Path bin = binary != null ? binary : defaultBinary();
            if (!Files.isExecutable(bin)) {
                throw new IllegalStateException("Prometheus binary not found or not executable: " + bin
                        + " (install the Debian package 'prometheus' or set " + BINARY_ENV + ")");
            }
            for (Path ruleFile : ruleFiles) {
                if (!Files.isReadable(ruleFile)) {
                    throw new IllegalArgumentException("rule file not readable: " + ruleFile);
                }
            }
            IllegalStateException failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(bin);
                } catch (PortTakenException e) {
                    failure = e; // the free port was taken between probing and binding: retry
                }
            }
            throw failure;
        }

        private PrometheusServer startOnce(Path bin) {
            Path dir;
            try {
                dir = Files.createTempDirectory("nodescope-prometheus-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
            Path config = configFile != null ? configFile : dir.resolve("prometheus.yml");
            Path log = dir.resolve("prometheus.log");
            int port;
            Process process;
            try {
                if (configFile == null) {
                    Files.write(config, renderConfig().getBytes(StandardCharsets.UTF_8));
                }
                port = freePort();
                List<String> command = new ArrayList<>();
                command.add(bin.toString());
                command.add("--config.file=" + config);
                command.add("--storage.tsdb.path=" + dir.resolve("data"));
                command.add("--storage.tsdb.retention.time=1d");
                command.add("--web.listen-address=127.0.0.1:" + port);
                command.add("--web.enable-lifecycle");
                command.add("--log.level=info");
                if (!features.isEmpty()) {
                    command.add("--enable-feature=" + String.join(",", features));
                }
                process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                deleteRecursively(dir);
                throw new UncheckedIOException("cannot start " + bin, e);
            }
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            try {
                awaitReady(process, http, base, log);
            } catch (RuntimeException | Error e) {
                stop(process);
                deleteRecursively(dir);
                throw e;
            }
            int expected = configFile != null ? configFileTargets : 0;
            for (List<String> targets : scrapeJobs.values()) {
                expected += targets.size();
            }
            return new PrometheusServer(process, dir, log, base, expected, http);
        }

        private void awaitReady(Process process, HttpClient http, URI base, Path log) {
            long deadline = System.nanoTime() + readyTimeout.toNanos();
            HttpRequest ready = HttpRequest.newBuilder(base.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            while (true) {
                if (!process.isAlive()) {
                    String tail = tail(log, LOG_TAIL_LINES);
                    String message = "Prometheus exited with code " + process.exitValue()
                            + " before becoming ready" + errorLines(log) + "; last log lines:\n" + tail;
                    if (tail.contains("address already in use")) {
                        throw new PortTakenException(message);
                    }
                    throw new IllegalStateException(message);
                }
                try {
                    HttpResponse<Void> response = http.send(ready, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Prometheus", e);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Prometheus not ready at " + base + " within " + readyTimeout
                            + "; last log lines:\n" + tail(log, LOG_TAIL_LINES));
                }
                sleep(POLL);
            }
        }

        String renderConfig() {
            StringBuilder yml = new StringBuilder();
            yml.append("# written by io.nodescope.agent.it.PrometheusServer\n");
            yml.append("global:\n");
            yml.append("  scrape_interval: ").append(seconds(scrapeInterval)).append('\n');
            yml.append("  scrape_timeout: ").append(seconds(scrapeInterval)).append('\n');
            yml.append("  evaluation_interval: ").append(seconds(evaluationInterval)).append('\n');
            if (!ruleFiles.isEmpty()) {
                yml.append("rule_files:\n");
                for (Path ruleFile : ruleFiles) {
                    yml.append("  - ").append(quote(ruleFile.toString())).append('\n');
                }
            }
            yml.append("scrape_configs:\n");
            for (Map.Entry<String, List<String>> job : scrapeJobs.entrySet()) {
                yml.append("  - job_name: ").append(quote(job.getKey())).append('\n');
                yml.append("    metrics_path: /metrics\n");
                yml.append("    static_configs:\n");
                yml.append("      - targets:\n");
                for (String target : job.getValue()) {
                    yml.append("          - ").append(quote(target)).append('\n');
                }
            }
            return yml.toString();
        }

        private static String seconds(Duration d) {
            long millis = d.toMillis();
            return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
        }

        /** A YAML double-quoted scalar. */
        private static String quote(String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        private static Path defaultBinary() {
            String fromEnv = System.getenv(BINARY_ENV);
            return Paths.get(fromEnv != null && !fromEnv.isEmpty() ? fromEnv : DEFAULT_BINARY);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            }
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add);
        process.destroy(); // SIGTERM: Prometheus shuts down cleanly
        for (ProcessHandle child : descendants) {
            child.destroy();
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : descendants) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unavailable: " + e + ")";
        }
    }

    /** The log's {@code level=error} lines (the reason is usually there, not in the last lines). */
    private static String errorLines(Path log) {
        try {
            StringBuilder errors = new StringBuilder();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains("level=error") && errors.length() < 4000) {
                    errors.append("\n  ").append(line);
                }
            }
            return errors.length() == 0 ? "" : "; errors:" + errors;
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file must not fail the test
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
