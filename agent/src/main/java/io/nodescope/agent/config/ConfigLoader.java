package io.nodescope.agent.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.nodescope.agent.toml.TomlParser;
import io.nodescope.agent.toml.TomlPosition;
import io.nodescope.agent.toml.TomlSyntaxException;
import io.nodescope.instrumentation.RulePacks;

/**
 * Reads the config file, the rules files it includes and the OpenTelemetry environment variables
 * into one {@link AgentConfig}, or fails with every problem found. Input is bounded so that no
 * file can hold up the node's start: {@link #MAX_FILE_BYTES} per file, {@link #MAX_RULES} rules,
 * {@link #MAX_INCLUDES} included files and packs, {@link TomlParser#MAX_NESTING} levels of nested
 * arrays and inline tables, and the first {@link ConfigException#MAX_PROBLEMS_SHOWN} problems kept.
 */
public final class ConfigLoader {

    /** The largest config, rules, password or certificate file read: 1 MiB, some 10,000 rules' worth. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The most {@code [[rule]]} tables over the config, its files and packs; a node needs tens. */
    public static final int MAX_RULES = 1000;
    /** The most files and packs included, directly or by included files. */
    public static final int MAX_INCLUDES = 100;

    private static final Set<String> TOP_KEYS = Set.of("telemetry", "include", "rule");
    private static final Set<String> INCLUDED_KEYS = Set.of("include", "rule");
    private static final Set<String> TELEMETRY_KEYS = Set.of("traces", "metrics", "logs", "health");
    private static final Set<String> LOGS_KEYS = Set.of("enabled", "otlp_endpoint", "protocol", "level");
    private static final Set<String> TRACES_KEYS = Set.of("enabled", "otlp_endpoint", "protocol", "service_name", "sample_ratio",
            "sampler", "resource_attributes", "drop_attributes", "hash_attributes", "exception_messages", "log_context");
    private static final Set<String> METRICS_KEYS = Set.of("enabled", "bind_address", "series_limit", "buckets", "runtime",
            "basic_auth", "tls", "exporters", "otlp_endpoint", "protocol", "export_interval_seconds");
    private static final int MAX_SERIES_LIMIT = 100_000;
    private static final Map<String, String> LEGACY_KEYS = Map.of(
            "enabled", "[telemetry.traces] enabled and [telemetry.metrics] enabled",
            "otlp_endpoint", "[telemetry.traces] otlp_endpoint",
            "service_name", "[telemetry.traces] service_name");
    static final String DEFAULT_SERVICE_NAME = "node";
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1:9464";

    private final Map<String, String> environment;
    /** Whether the rules are read and checked when every signal is off. */
    private final boolean rulesWhenOff;
    private final Problems problems = new Problems();
    private final List<Rule> rules = new ArrayList<>();
    /** Files (absolute paths) and packs ({@code nodescope:<name>}) read so far. */
    private final Set<String> visited = new HashSet<>();
    private final Map<String, String> ruleNames = new HashMap<>();
    /** {@code [[rule]]} tables and includes seen, valid or not, to stop at the limits. */
    private int ruleTables;
    private int includes;

    private ConfigLoader(Map<String, String> environment, boolean rulesWhenOff) {
        this.environment = environment;
        this.rulesWhenOff = rulesWhenOff;
    }

    /** Loads {@code file} with the process environment's overrides. */
    public static AgentConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    public static AgentConfig load(Path file, Map<String, String> environment) throws ConfigException {
        return new ConfigLoader(environment, true).read(file);
    }

    /**
     * Reads {@code file} for the agent's start, in two halves: here what deciding whether to start
     * needs (the {@code [telemetry]} sections), on the JVM's main thread in {@code premain}; the
     * rules, most of what reading a config costs, with {@link StartDecision#withRules()} on the
     * agent's own thread once a signal is on. With every signal off they are neither read nor
     * checked ({@code validate} checks them).
     */
    public static StartDecision decideStart(Path file) throws ConfigException {
        return new ConfigLoader(System.getenv(), false).readTelemetry(file);
    }

    private AgentConfig read(Path file) throws ConfigException {
        return readTelemetry(file).withRules();
    }

    private StartDecision readTelemetry(Path file) throws ConfigException {
        Optional<TomlSection> root = parse(file, null, null);
        problems.throwIfAny();
        TomlSection top = root.orElseThrow();
        top.rejectUnknown(TOP_KEYS);
        // Read in premain: written without lambdas, as the JVM links each on its first use (some 0.25 ms there).
        Optional<TomlSection> telemetry = top.section("telemetry");
        if (telemetry.isPresent()) {
            rejectLegacyAndUnknown(telemetry.get());
        }
        Optional<TomlSection> traces = subsection(telemetry, "traces");
        TracesConfig tracesConfig = readTraces(traces);
        MetricsConfig metricsConfig = readMetrics(subsection(telemetry, "metrics"), file);
        LogsConfig logsConfig = readLogs(subsection(telemetry, "logs"));
        SpanAttributePolicy spanAttributes = traces.isPresent() ? SpanAttributePolicyReader.read(traces.get()) : SpanAttributePolicy.KEEP_ALL;
        List<ReadinessCheck> readiness = readHealth(subsection(telemetry, "health"), metricsConfig);
        boolean logContext = tracesConfig.enabled() && (traces.isEmpty() || traces.get().bool("log_context").orElse(true));
        if (!rulesWhenOff) {
            problems.throwIfAny();  // the start reports the telemetry's problems before it reads the rules; validate, all at once
        }
        return new StartDecision(this, top, file, new AgentConfig(tracesConfig, metricsConfig, logsConfig, List.of(), spanAttributes, readiness),
                logContext);
    }

    private static Optional<TomlSection> subsection(Optional<TomlSection> section, String name) {
        return section.isPresent() ? section.get().section(name) : Optional.empty();
    }

    private AgentConfig withRules(TomlSection top, Path file, AgentConfig telemetry, boolean logContext) throws ConfigException {
        readRules(top, file);
        if (logContext) {
            includeBuiltIn(RulePacks.LOG_CONTEXT);
        }
        if (telemetry.logs().enabled()) {
            includeBuiltIn(RulePacks.LOG_RECORDS);
        }
        problems.throwIfAny();
        return new AgentConfig(telemetry.traces(), telemetry.metrics(), telemetry.logs(), rules, telemetry.spanAttributes(), telemetry.readiness());
    }

    /** The first half of reading a config to start: whether a signal is on; the rules follow on demand. */
    public static final class StartDecision {

        private final ConfigLoader loader;
        private final TomlSection top;
        private final Path file;
        private final AgentConfig telemetry;
        private final boolean logContext;

        private StartDecision(ConfigLoader loader, TomlSection top, Path file, AgentConfig telemetry, boolean logContext) {
            this.loader = loader;
            this.top = top;
            this.file = file;
            this.telemetry = telemetry;
            this.logContext = logContext;
        }

        public boolean anySignalEnabled() {
            return telemetry.anySignalEnabled();
        }

        /** The whole config: the telemetry read before and the rules, read and checked now. */
        public AgentConfig withRules() throws ConfigException {
            return loader.withRules(top, file, telemetry, logContext);
        }
    }

    /**
     * The file's tables, or empty after a problem: for an included file that cannot be read, at
     * the {@code include} entry that names it ({@code including}, {@code entry}); else in the file.
     */
    private Optional<TomlSection> parse(Path file, TomlSection including, TomlSection.Located entry) {
        String source = file.toString();
        String text;
        try {
            visited.add(file.toAbsolutePath().normalize().toString());
            text = ConfigFile.readText(file);
        } catch (ConfigFile.Unusable e) {
            if (e.line() > 0) {
                problems.add(source, e.line(), e.column(), "", "cannot read " + (including == null ? "config" : "rules") + " file: " + e.getMessage());
            } else if (including != null) {
                including.problemAt(entry.position, "include", "cannot read '" + entry.value + "' (" + file + "): " + e.getMessage());
            } else {
                problems.add(source, 0, 0, "", "cannot read config file " + file + ": " + e.getMessage());
            }
            return Optional.empty();
        }
        return parse(source, text);
    }

    private Optional<TomlSection> parse(String source, String text) {
        try {
            return Optional.of(new TomlSection(TomlParser.parse(text), source, "", TomlPosition.start(), problems));
        } catch (TomlSyntaxException e) {
            // A file that fails before its first line of TOML may be anything (a binary, a password
            // file): say where and what was expected, and quote none of it.
            String message = e.beforeAnyStatement()
                    ? e.withoutContent() + "; the file is not TOML, so none of its text is shown"
                    : e.getMessage();
            problems.add(source, e.position().line(), e.position().column(), "", "TOML syntax: " + message);
            return Optional.empty();
        }
    }

    private void rejectLegacyAndUnknown(TomlSection telemetry) {
        for (Map.Entry<String, String> legacy : LEGACY_KEYS.entrySet()) {
            if (telemetry.has(legacy.getKey())) {
                telemetry.problem(legacy.getKey(), "flat [telemetry] keys are no longer read; write " + legacy.getValue() + " instead");
            }
        }
        Set<String> allowed = new HashSet<>(TELEMETRY_KEYS);
        allowed.addAll(LEGACY_KEYS.keySet());
        telemetry.rejectUnknown(allowed);
    }

    private TracesConfig readTraces(Optional<TomlSection> section) {
        boolean enabled = section.isPresent() && section.get().bool("enabled").orElse(true);
        OtlpProtocol protocol = OtlpProtocol.GRPC;
        URI base = null;
        String serviceName = DEFAULT_SERVICE_NAME;
        double ratio = 1.0;
        boolean keepErrors = false;
        Map<String, String> resource = Map.of();
        if (section.isPresent()) {
            TomlSection traces = section.get();
            traces.rejectUnknown(TRACES_KEYS);
            protocol = OtlpProtocol.read(traces).orElse(protocol);
            base = OtlpEndpoints.read(traces).orElse(null);
            serviceName = traces.string("service_name").orElse(serviceName);
            Optional<Double> givenRatio = traces.number("sample_ratio");
            if (givenRatio.isPresent() && validRatio(traces, givenRatio.get())) {
                ratio = givenRatio.get();
            }
            Optional<String> sampler = traces.string("sampler");
            keepErrors = sampler.isPresent() && keepsErrors(traces, sampler.get());
            Optional<TomlSection> attributes = traces.section("resource_attributes");
            if (attributes.isPresent()) {
                resource = resourceAttributes(attributes.get());
            }
        }
        TraceSettings settings = new TraceSettings(enabled, base, protocol, serviceName, ratio, keepErrors, resource);
        return new EnvironmentOverrides(environment, problems).apply(settings);
    }

    /** {@code "deployment.environment" = "prod"}: labels of every span, like {@code OTEL_RESOURCE_ATTRIBUTES}. */
    private static Map<String, String> resourceAttributes(TomlSection section) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : section.keys()) {
            if ("service.name".equals(key)) {
                section.problem(key, "write [telemetry.traces] service_name instead");
            } else {
                Optional<String> value = section.string(key);
                if (value.isPresent()) {
                    attributes.put(key, value.get());
                }
            }
        }
        return attributes;
    }

    /** {@code "ratio"} (the default) or {@code "keep_errors"}: whether traces with an error are all kept. */
    private static boolean keepsErrors(TomlSection traces, String sampler) {
        if (!sampler.equals("ratio") && !sampler.equals("keep_errors")) {
            traces.problem("sampler", "unknown sampler '" + sampler + "'; expected \"ratio\" (sample_ratio of the traces) or \"keep_errors\""
                    + " (every trace with an error span, sample_ratio of the others)");
        }
        return sampler.equals("keep_errors");
    }

    private static boolean validRatio(TomlSection traces, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            String found = Double.isNaN(ratio) ? "nan" : Double.isInfinite(ratio) ? (ratio > 0 ? "inf" : "-inf") : String.valueOf(ratio);
            traces.problem("sample_ratio", "must be a number between 0.0 and 1.0 (1.0 keeps every trace), found " + found);
            return false;
        }
        return true;
    }

    private LogsConfig readLogs(Optional<TomlSection> section) {
        if (section.isEmpty()) {
            return new EnvironmentOverrides(environment, problems).logs(false, null, OtlpProtocol.GRPC, LogsConfig.Level.INFO);
        }
        TomlSection logs = section.get();
        logs.rejectUnknown(LOGS_KEYS);
        boolean enabled = logs.bool("enabled").orElse(true);
        URI base = OtlpEndpoints.read(logs).orElse(null);
        OtlpProtocol protocol = OtlpProtocol.read(logs).orElse(OtlpProtocol.GRPC);
        LogsConfig.Level level = LogsConfig.Level.INFO;
        Optional<String> name = logs.string("level");
        if (name.isPresent()) {
            Optional<LogsConfig.Level> named = LogsConfig.Level.named(name.get());
            if (named.isPresent()) {
                level = named.get();
            } else {
                logs.problem("level", "unknown level '" + name.get() + "'; expected one of " + LogsConfig.Level.names());
            }
        }
        return new EnvironmentOverrides(environment, problems).logs(enabled, base, protocol, level);
    }

    private MetricsConfig readMetrics(Optional<TomlSection> section, Path file) {
        boolean enabled = section.isPresent() && section.get().bool("enabled").orElse(true);
        BindAddress address = BindAddress.parse(DEFAULT_BIND_ADDRESS);
        int seriesLimit = MetricsConfig.DEFAULT_SERIES_LIMIT;
        Map<String, double[]> buckets = Map.of();
        boolean runtime = true;
        BasicAuth basicAuth = null;
        ServerCertificate tls = null;
        if (section.isPresent()) {
            TomlSection metrics = section.get();
            runtime = metrics.bool("runtime").orElse(true);
            metrics.rejectUnknown(METRICS_KEYS);
            Optional<String> text = metrics.string("bind_address");
            if (text.isPresent()) {
                try {
                    address = BindAddress.parse(text.get());
                } catch (IllegalArgumentException e) {
                    metrics.problem("bind_address", e.getMessage());
                }
            }
            Optional<Long> limit = metrics.integer("series_limit");
            if (limit.isPresent() && (limit.get() < 1 || limit.get() > MAX_SERIES_LIMIT)) {
                metrics.problem("series_limit", "must be 1 to " + MAX_SERIES_LIMIT + ", found " + limit.get());
            } else if (limit.isPresent()) {
                seriesLimit = limit.get().intValue();
            }
            Optional<TomlSection> bucketsSection = metrics.section("buckets");
            if (bucketsSection.isPresent()) {
                buckets = BucketsReader.read(bucketsSection.get());
            }
            Optional<TomlSection> auth = metrics.section("basic_auth");
            basicAuth = auth.isPresent() ? MetricsAccessReader.basicAuth(auth.get(), file).orElse(null) : null;
            Optional<TomlSection> certificate = metrics.section("tls");
            tls = certificate.isPresent() ? MetricsAccessReader.tls(certificate.get(), file).orElse(null) : null;
        }
        MetricsExporters exporters = MetricsExporters.read(section, new EnvironmentOverrides(environment, problems));
        return new MetricsConfig(enabled, address, seriesLimit, buckets, runtime, basicAuth, tls, exporters.served(), exporters.push());
    }

    /** The checks read the metric registry and are served beside {@code /metrics}: without that listener they have neither. */
    private static List<ReadinessCheck> readHealth(Optional<TomlSection> section, MetricsConfig metrics) {
        if (section.isEmpty()) {
            return List.of();
        }
        List<ReadinessCheck> checks = ReadinessReader.read(section.get());
        if (!(metrics.enabled() && metrics.served()) && !checks.isEmpty()) {
            section.get().problem("readiness is computed from the metrics and served on the /metrics listener; set [telemetry.metrics]"
                    + " enabled = true, with \"prometheus\" among its exporters");
        }
        return checks;
    }

    /** {@code path} is the file the rules are in, null for a rule pack. */
    private void readRules(TomlSection file, Path path) {
        for (TomlSection rule : file.sections("rule")) {
            if (++ruleTables > MAX_RULES) {
                if (ruleTables == MAX_RULES + 1) {
                    rule.problem("more than " + MAX_RULES + " rules (the limit, to keep the node's start fast); select more"
                            + " methods per rule with globs, class.supertype or class.annotation");
                }
                continue;
            }
            RuleReader.read(rule).ifPresent(read -> {
                String previous = ruleNames.putIfAbsent(read.name(), read.location());
                if (previous != null) {
                    rule.problem("name", "rule name '" + read.name() + "' is already used at " + previous);
                } else {
                    rules.add(read);
                }
            });
        }
        for (TomlSection.Located include : file.locatedStrings("include")) {
            if (++includes > MAX_INCLUDES) {
                if (includes == MAX_INCLUDES + 1) {
                    file.problemAt(include.position, "include", "more than " + MAX_INCLUDES
                            + " included files and packs (the limit); put rules together in fewer files");
                }
            } else if (include.value.startsWith(RulePacks.PREFIX)) {
                readPack(file, include);
            } else if (path == null) {
                file.problemAt(include.position, "include", "a rule pack includes only other packs, not '" + include.value + "'");
            } else if (include.value.isBlank()) {
                file.problemAt(include.position, "include", "is empty; name a rules file, relative to this file");
            } else {
                readFile(file, path, include);
            }
        }
    }

    private void readFile(TomlSection including, Path path, TomlSection.Located include) {
        Path included;
        try {
            included = resolve(path, include.value);
        } catch (InvalidPathException e) {
            including.problemAt(include.position, "include", "'" + include.value + "' is not a file path: " + e.getReason());
            return;
        }
        if (visited.contains(included.toAbsolutePath().normalize().toString())) {
            including.problemAt(include.position, "include", "'" + include.value + "' is included twice (or includes itself)");
            return;
        }
        parse(included, including, include).ifPresent(section -> {
            section.rejectUnknown(INCLUDED_KEYS);
            readRules(section, included);
        });
    }

    /** A pack shipped in the agent; its rules read like a file's, with {@code nodescope:<name>} as their source. */
    private void readPack(TomlSection including, TomlSection.Located entry) {
        String include = entry.value;
        String name = include.substring(RulePacks.PREFIX.length());
        Optional<String> text = RulePacks.text(name);
        if (text.isEmpty()) {
            including.problemAt(entry.position, "include", "no rule pack '" + name + "'; the agent has " + String.join(", ", RulePacks.names()));
        } else if (!visited.add(include)) {
            including.problemAt(entry.position, "include", "'" + include + "' is included twice (or includes itself)");
        } else {
            readPackRules(include, text.get());
        }
    }

    /**
     * A pack a signal needs: the one that puts trace ids in the node's log records, which traces
     * include unless told not to ({@code log_context = false}), and the one that hands log records
     * to the log export; once, also when a file includes it.
     */
    private void includeBuiltIn(String pack) {
        String include = RulePacks.PREFIX + pack;
        if (visited.add(include)) {
            readPackRules(include, RulePacks.text(pack).orElseThrow());
        }
    }

    private void readPackRules(String include, String text) {
        parse(include, text).ifPresent(section -> {
            section.rejectUnknown(INCLUDED_KEYS);
            readRules(section, null);
        });
    }

    private static Path resolve(Path including, String include) {
        Path dir = including.toAbsolutePath().getParent();
        return dir == null ? Path.of(include) : dir.resolve(include);
    }
}
