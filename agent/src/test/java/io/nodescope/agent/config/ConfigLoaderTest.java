package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Kinds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import io.nodescope.instrumentation.RulePacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String RULE = "[[rule]]\nname = 'commands'\nkind = 'command'\nclass.supertype = 'org.example.Command'\n";

    @Test
    void readsEverySettingOfBothSignals() throws Exception {
        AgentConfig config = TestConfigs.load(dir, String.join("\n",
                "[telemetry.traces]",
                "enabled = true",
                "otlp_endpoint = 'http://collector.internal:4318'",
                "protocol = 'http/protobuf'",
                "service_name = 'dkg-node'",
                "sample_ratio = 0.25",
                "[telemetry.metrics]",
                "enabled = true",
                "bind_address = '0.0.0.0:9100'",
                "runtime = false"));
        TracesConfig traces = config.traces();
        assertTrue(traces.enabled());
        assertEquals(URI.create("http://collector.internal:4318/v1/traces"), traces.endpoint());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, traces.protocol());
        assertEquals("dkg-node", traces.serviceName());
        assertEquals(0.25, traces.sampleRatio());
        assertTrue(config.metrics().enabled());
        assertEquals("0.0.0.0", config.metrics().bindAddress().host());
        assertEquals(9100, config.metrics().bindAddress().port());
        assertFalse(config.metrics().bindAddress().isLoopback());
        assertFalse(config.metrics().runtime());
    }

    @Test
    void defaultsAreLoopbackAndASectionWithoutEnabledIsOn() throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[telemetry.traces]\n[telemetry.metrics]\n");
        assertTrue(config.traces().enabled());
        assertEquals(URI.create("http://127.0.0.1:4317"), config.traces().endpoint());
        assertEquals(OtlpProtocol.GRPC, config.traces().protocol());
        assertEquals(1.0, config.traces().sampleRatio());
        assertEquals("127.0.0.1:9464", config.metrics().bindAddress().toString());
        assertTrue(config.metrics().bindAddress().isLoopback());
        assertTrue(config.metrics().runtime());
    }

    @Test
    void withoutTelemetrySectionsBothSignalsAreOff() throws Exception {
        AgentConfig config = TestConfigs.load(dir, RULE);
        assertFalse(config.anySignalEnabled());
        assertEquals(1, config.rules().size());
    }

    @Test
    void toStartWithEverySignalOffTheRulesAreNotRead() throws Exception {
        String toml = "[telemetry.traces]\nenabled = false\n[telemetry.metrics]\nenabled = false\n"
                + "[[rule]]\nname = 'broken'\nkind = 'no-such-kind'\n";
        assertFalse(problems(toml).isEmpty(), "load, which validate uses, still checks them");
        assertFalse(ConfigLoader.decideStart(Files.writeString(dir.resolve("off.toml"), toml)).anySignalEnabled(),
                "the rules' problems do not keep the start from deciding to stay off");

        Path on = Files.writeString(dir.resolve("on.toml"), "[telemetry.metrics]\n" + RULE);
        ConfigLoader.StartDecision decision = ConfigLoader.decideStart(on);
        assertTrue(decision.anySignalEnabled());
        assertEquals(1, decision.withRules().rules().size(), "with a signal on, they are read");

        Path broken = Files.writeString(dir.resolve("broken.toml"), "[telemetry.metrics]\n[[rule]]\nname = 'broken'\nkind = 'no-such-kind'\n");
        ConfigLoader.StartDecision brokenRules = ConfigLoader.decideStart(broken);
        assertThrows(ConfigException.class, brokenRules::withRules, "and checked");
    }

    @Test
    void legacyFlatKeysAreRejectedNamingTheNewKey() {
        List<ConfigProblem> problems = problems("[telemetry]\nenabled = true\notlp_endpoint = 'http://x:4317'\nservice_name = 'n'\n");
        assertEquals(3, problems.size(), problems.toString());
        ConfigProblem endpoint = find(problems, "telemetry.otlp_endpoint");
        assertEquals(3, endpoint.line());
        assertEquals(1, endpoint.column());
        assertTrue(endpoint.message().contains("[telemetry.traces] otlp_endpoint"), endpoint.message());
        assertTrue(find(problems, "telemetry.service_name").message().contains("[telemetry.traces] service_name"));
        assertTrue(find(problems, "telemetry.enabled").message().contains("[telemetry.metrics] enabled"));
    }

    @Test
    void unknownKeysAndWrongTypesAreLocatedByFileLineAndColumn() {
        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.traces]",
                "enabled = 'yes'",
                "  endpoint = 'http://x:4317'",
                "[telemetry.metrics]",
                "bind_address = 9464"));
        ConfigProblem enabled = find(problems, "telemetry.traces.enabled");
        assertEquals(2, enabled.line());
        assertEquals("expected true or false, found a string", enabled.message());
        ConfigProblem unknown = find(problems, "telemetry.traces.endpoint");
        assertEquals(3, unknown.line());
        assertEquals(3, unknown.column());
        assertTrue(unknown.message().startsWith("unknown key; expected one of drop_attributes, enabled, exception_messages, hash_attributes, log_context, otlp_endpoint"), unknown.message());
        assertTrue(unknown.toString().matches(".*nodescope.*\\.toml:3:3: telemetry\\.traces\\.endpoint: unknown key.*"), unknown.toString());
        assertEquals("expected a string, found an integer", find(problems, "telemetry.metrics.bind_address").message());
    }

    @Test
    void badValuesSayWhatToWriteInstead() {
        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.traces]",
                "otlp_endpoint = 'collector:4317'",
                "protocol = 'thrift'",
                "sample_ratio = 1.5",
                "[telemetry.metrics]",
                "bind_address = 'example.org:9464'"));
        assertTrue(find(problems, "telemetry.traces.otlp_endpoint").message().contains("must start with http:// or https://"));
        assertTrue(find(problems, "telemetry.traces.protocol").message().contains("\"grpc\" or \"http/protobuf\""));
        assertTrue(find(problems, "telemetry.traces.sample_ratio").message().contains("between 0.0 and 1.0"));
        assertTrue(find(problems, "telemetry.metrics.bind_address").message().contains("IP address or localhost"));
        assertTrue(problems("[telemetry.metrics]\nbind_address = '127.0.0.1:99999'").get(0).message().contains("0 to 65535"));
        assertTrue(problems("[telemetry.metrics]\nbind_address = '127.0.0.1'").get(0).message().contains("not host:port"));
    }

    @Test
    void seriesLimitAndBucketsCanBeSetPerMetric() throws Exception {
        AgentConfig config = TestConfigs.load(dir, String.join("\n",
                "[telemetry.metrics]",
                "series_limit = 50",
                "[telemetry.metrics.buckets]",
                "node_command_duration_seconds = [0.01, 0.1, 1, 10]"));
        assertEquals(50, config.metrics().seriesLimit());
        assertArrayEquals(new double[] {0.01, 0.1, 1, 10}, config.metrics().buckets().get("node_command_duration_seconds"));
        assertEquals(1000, TestConfigs.load(dir, "[telemetry.metrics]\n").metrics().seriesLimit());

        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.metrics]",
                "series_limit = 0",
                "[telemetry.metrics.buckets]",
                "node_command_total = [1]",
                "node_task_duration_seconds = [1, 0.5]"));
        assertTrue(find(problems, "telemetry.metrics.series_limit").message().startsWith("must be 1 to"));
        assertTrue(find(problems, "telemetry.metrics.buckets.node_command_total").message()
                .contains("expected one of node_command_duration_seconds, node_network_request_duration_seconds, "));
        assertTrue(find(problems, "telemetry.metrics.buckets.node_task_duration_seconds").message().contains("increasing order"));
    }

    @Test
    void unboundedValuesCannotBecomeMetricLabels() {
        List<ConfigProblem> problems = problems(RULE + "labels = ['peer_id', 'region']\n");
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(5, problems.get(0).line());
        assertEquals("rule[1].labels", problems.get(0).key());
        assertEquals("peer_id cannot be a metric label: it has a value per peer, so its series would grow without bound; "
                + "give it as values.peer_id to put it on the span", problems.get(0).message());
        assertEquals("metric labels are fixed by the catalog (kind command labels its metrics by command and the outcome only); "
                + "region can only be a span attribute, given under values", problems.get(1).message());
        assertTrue(problems(RULE + "[rule.labels]\nual = '$arg0.ual'\n").get(0).message().startsWith("ual cannot be a metric label"));
    }

    @Test
    void eachKindReadsItsOwnValues() throws Exception {
        String stage = "[[rule]]\nname = 's'\nkind = 'sync_stage'\nclass.name = 'x.Stage'\n"
                + "values.processed = '$return.count'\nvalues.result = '$return.result'\nvalues.queue_depth = '$this.queue'\n";
        assertEquals(List.of("processed", "queue_depth", "result", "stage"),
                List.copyOf(new java.util.TreeSet<>(TestConfigs.load(dir, stage).rules().get(0).values().keySet())));
        ConfigProblem problem = problems(RULE + "values.processed = '$return'\n").get(0);
        assertEquals("rule[1].values.processed", problem.key());
        assertTrue(problem.message().startsWith("unknown key; expected one of blockchain, command, operation_id, peer_id, task, ual"),
                problem.message());
    }

    @Test
    void sqlIsReadByRepositoryAndPrepareRulesOnly() throws Exception {
        String rules = "[[rule]]\nname = 'p'\nkind = 'prepare'\nclass.name = 'x.Db'\nvalues.sql = '$arg0'\n"
                + "[[rule]]\nname = 'q'\nkind = 'repository'\nclass.name = 'x.Query'\nvalues.sql = '$this'\nvalues.query = '$method'\n";
        assertEquals(List.of("$arg0", "$this"), TestConfigs.load(dir, rules).rules().stream()
                .map(rule -> rule.values().get("sql").text()).collect(java.util.stream.Collectors.toList()));

        ConfigProblem onCommand = problems(RULE + "values.sql = '$arg0'\n").get(0);
        assertEquals("rule[1].values.sql", onCommand.key());
        assertTrue(onCommand.message().startsWith("unknown key; expected one of blockchain, command,"), onCommand.message());
        ConfigProblem unknownSource = problems(rules.replace("'$this'", "'$sql.summary'")).get(0);
        assertEquals("rule[2].values.sql", unknownSource.key());
        assertEquals(10, unknownSource.line());
        assertTrue(unknownSource.message().contains("unknown root $sql"), unknownSource.message());
    }

    @Test
    void tomlSyntaxErrorsAreLocated() {
        ConfigProblem problem = problems("[telemetry.metrics]\nenabled = tru\n").get(0);
        assertEquals(2, problem.line());
        assertTrue(problem.message().startsWith("TOML syntax"), problem.message());
    }

    @Test
    void aMissingFileIsOneClearProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.toml"), Map.of()));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("absent.toml") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void resourceAttributesFromTheFileYieldToTheEnvironment() throws Exception {
        String file = "[telemetry.traces]\n[telemetry.traces.resource_attributes]\n"
                + "\"deployment.environment\" = 'staging'\nregion = 'eu'\n";
        AgentConfig config = TestConfigs.load(dir, file, Map.of("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod"));
        assertEquals(Map.of("deployment.environment", "prod", "region", "eu"), config.traces().resourceAttributes());
    }

    @Test
    void resourceAttributesAreStringsAndNeverTheServiceName() {
        String file = "[telemetry.traces.resource_attributes]\n\"service.name\" = 'x'\nreplicas = 3\n";
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfigs.load(dir, file));
        assertEquals(List.of("telemetry.traces.resource_attributes.service.name", "telemetry.traces.resource_attributes.replicas"),
                e.problems().stream().map(ConfigProblem::key).collect(Collectors.toList()), e.getMessage());
        assertTrue(e.getMessage().contains("service_name"), e.getMessage());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        String file = "[telemetry.traces]\notlp_endpoint = 'http://file:4317'\nservice_name = 'from-file'\nsample_ratio = 0.5\n";
        AgentConfig config = TestConfigs.load(dir, file, Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318/",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_SERVICE_NAME", "from-env",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=ignored,team=a%20b",
                "OTEL_TRACES_SAMPLER_ARG", "0.1"));
        assertEquals(URI.create("http://env:4318/v1/traces"), config.traces().endpoint());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, config.traces().protocol());
        assertEquals("from-env", config.traces().serviceName());
        assertEquals(Map.of("deployment.environment", "prod", "team", "a b"), config.traces().resourceAttributes());
        assertEquals(0.1, config.traces().sampleRatio());
    }

    @Test
    void aSignalsOwnProtocolVariableWinsOverTheGeneralOneWhichWinsOverTheFile() throws Exception {
        String file = "[telemetry.traces]\nprotocol = 'grpc'\n[telemetry.logs]\nprotocol = 'grpc'\n";
        AgentConfig general = TestConfigs.load(dir, file, Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, general.traces().protocol());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, general.logs().protocol());
        AgentConfig specific = TestConfigs.load(dir, file, Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc"));
        assertEquals(OtlpProtocol.GRPC, specific.traces().protocol());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, specific.logs().protocol());
        assertEquals(OtlpProtocol.GRPC, TestConfigs.load(dir, file, Map.of()).traces().protocol());
    }

    @Test
    void theTracesSpecificEndpointIsUsedAsIsAndWinsOverTheGeneralOne() throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[telemetry.traces]\nprotocol = 'http/protobuf'\n", Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://general:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://specific:4318/custom/path",
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource"));
        assertEquals(URI.create("http://specific:4318/custom/path"), config.traces().endpoint());
        assertEquals("from-resource", config.traces().serviceName());
    }

    @Test
    void environmentCanSwitchTracesOffAndBadValuesNameTheVariable() throws Exception {
        assertFalse(TestConfigs.load(dir, "[telemetry.traces]\n", Map.of("OTEL_SDK_DISABLED", "true")).traces().enabled());
        assertFalse(TestConfigs.load(dir, "[telemetry.traces]\n", Map.of("OTEL_TRACES_EXPORTER", "none")).traces().enabled());
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestConfigs.load(dir, "[telemetry.traces]\n", Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")));
        assertEquals("environment variable OTEL_EXPORTER_OTLP_PROTOCOL", e.problems().get(0).source());
    }

    @Test
    void rulesAreReadWithEveryProblemReported() {
        List<ConfigProblem> problems = problems(String.join("\n",
                "[[rule]]",
                "kind = 'commnd'",
                "class.supertype = 'a.B'",
                "[[rule]]",
                "name = 'no-class'",
                "kind = 'task'",
                "[[rule]]",
                "name = 'both'",
                "kind = 'task'",
                "class.name = 'a.*'",
                "method.parameters = ['int']",
                "method.parameter_count = 1",
                "values.task = '$argument0'",
                "values.secret = 'x'"));
        assertTrue(find(problems, "rule[1]").message().contains("needs a name"));
        assertTrue(find(problems, "rule[1].kind").message().contains("unknown kind 'commnd'; expected one of command, task"));
        assertTrue(find(problems, "rule[2]").message().contains("class.name, class.supertype or class.annotation"));
        assertTrue(find(problems, "rule[3].method.parameter_count").message().contains("not both"));
        assertTrue(find(problems, "rule[3].values.task").message().contains("unknown root $argument0"));
        assertTrue(find(problems, "rule[3].values.secret").message().startsWith("unknown key"));
        assertEquals(4, find(problems, "rule[2]").line());
    }

    @Test
    void ruleNamesAreUniqueAcrossIncludedFiles() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/more.toml"), RULE);
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestConfigs.load(dir, "include = ['rules/more.toml']\n" + RULE));
        assertTrue(e.getMessage().contains("rule name 'commands' is already used at"), e.getMessage());
    }

    @Test
    void includedFilesAddRulesAndMayNotSetTelemetry() throws Exception {
        Files.writeString(dir.resolve("tasks.toml"), "[[rule]]\nname = 'tasks'\nkind = 'task'\nclass.name = 'a.*Task'\n");
        AgentConfig config = TestConfigs.load(dir, "include = 'tasks.toml'\n" + RULE);
        assertEquals(List.of("commands", "tasks"), config.rules().stream().map(Rule::name).collect(Collectors.toList()));
        assertEquals(Kinds.TASK, config.rules().get(1).kind());
        assertTrue(config.rules().get(1).location().endsWith("tasks.toml:1"), config.rules().get(1).location());

        Files.writeString(dir.resolve("bad.toml"), "[telemetry.metrics]\nenabled = true\n");
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfigs.load(dir, "include = ['bad.toml']\n"));
        assertTrue(e.getMessage().contains("bad.toml:1:1: telemetry: unknown key; expected one of include, rule"), e.getMessage());
    }

    @Test
    void rulePacksAreIncludedByName() throws Exception {
        List<String> names = new ArrayList<>();
        for (String pack : RulePacks.names()) {
            AgentConfig config = TestConfigs.load(dir, "include = ['nodescope:" + pack + "']\n");
            assertFalse(config.rules().isEmpty(), pack);
            config.rules().forEach(rule -> {
                assertTrue(rule.location().startsWith("nodescope:" + pack + ":"), rule.location());
                names.add(rule.name() + " " + rule.kind());
            });
        }
        assertEquals(List.of("executor-handoff handoff", "jdbc-prepare prepare", "jdbc-execute repository",
                "jdbc-execute-sql repository", "jdbc-execute-sql-keys repository", "jdk-http-client network",
                "jena-select triple_store", "jena-ask triple_store", "jena-construct triple_store",
                "jena-construct-iterators triple_store", "jena-describe triple_store", "jena-update triple_store",
                "logback-trace-ids log_context", "log4j2-trace-ids log_context", "logback-records log_record", "jul-records log_record", "log4j2-records log_record",
                "rdf4j-select triple_store", "rdf4j-ask triple_store", "rdf4j-construct triple_store", "rdf4j-update triple_store"), names);
        ConfigProblem problem = problems("include = ['nodescope:mongodb']\n").get(0);
        assertEquals("no rule pack 'mongodb'; the agent has executors, jdbc, jdk-http-client, jena, log-context, log-records, rdf4j",
                problem.message());
        assertEquals(1, problem.line());
        assertTrue(problems("include = ['nodescope:jdbc', 'nodescope:jdbc']\n").get(0).message().contains("included twice"));
    }

    @Test
    void anIncludeCycleIsAProblemNotALoop() throws IOException {
        Files.writeString(dir.resolve("a.toml"), "include = ['b.toml']\n");
        Files.writeString(dir.resolve("b.toml"), "include = ['a.toml']\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("a.toml"), Map.of()));
        assertTrue(e.getMessage().contains("included twice"), e.getMessage());
    }

    @Test
    void aDisabledRuleIsSkippedAndTheSubjectDefaultsToTheClassName() throws Exception {
        AgentConfig config = TestConfigs.load(dir, RULE + "[[rule]]\nname = 'off'\nkind = 'task'\nclass.name = 'x.Y'\nenabled = false\n");
        assertEquals(1, config.rules().size());
        assertEquals("$class", config.rules().get(0).values().get("command").text());
    }

    @Test
    void generatedClassesAreLeftOutUnlessARuleSetsProxies() throws Exception {
        AgentConfig config = TestConfigs.load(dir, RULE + "[[rule]]\nname = 'proxies'\nkind = 'command'\nclass.name = 'x.Y'\n"
                + "class.proxies = true\n");
        assertFalse(config.rules().get(0).classes().proxies());
        assertTrue(config.rules().get(1).classes().proxies());
        List<ConfigProblem> problems = problems("[[rule]]\nname = 'a'\nkind = 'command'\nclass.name = 'x.Y'\nclass.proxies = 'yes'\n"
                + "[[rule]]\nname = 'b'\nkind = 'command'\nclass.proxies = true\nvalues.command = '$declaring_class.name'\n");
        assertTrue(find(problems, "rule[1].class.proxies").message().contains("expected true or false"), problems.toString());
        assertTrue(find(problems, "rule[2].class").message().contains("needs at least one of name, supertype, annotation"),
                problems.toString());
        assertTrue(find(problems, "rule[2].values.command").message().contains("is a name and takes no path"), problems.toString());
    }

    @Test
    void spanAttributesCanBeDroppedOrHashedButNotTheSubjects() throws Exception {
        SpanAttributePolicy policy = TestConfigs.load(dir,
                "[telemetry.traces]\ndrop_attributes = ['peer_id']\nhash_attributes = ['ual', 'operation_id']\n").spanAttributes();
        assertTrue(policy.drops("peer_id"));
        assertTrue(policy.hashes("ual") && policy.hashes("operation_id"));
        assertFalse(policy.drops("ual") || policy.hashes("peer_id") || policy.hashes("blockchain"));

        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.traces]",
                "drop_attributes = ['command', 'ual']",
                "hash_attributes = ['ual']"));
        ConfigProblem subject = find(problems, "telemetry.traces.drop_attributes");
        assertTrue(subject.message().startsWith("'command' cannot be dropped or hashed; expected one of blockchain, db.query.summary, db.query.text, exception.message, exception.stacktrace,"
                + " exception.type, operation_id, peer_id, ual"),
                subject.message());
        assertEquals(2, subject.line());
        assertTrue(find(problems, "telemetry.traces.hash_attributes").message().contains("'ual' is also in drop_attributes"));
    }

    @Test
    void exceptionMessagesStayHomeUnlessAskedFor() throws Exception {
        assertTrue(TestConfigs.load(dir, "[telemetry.traces]\n").spanAttributes().drops("exception.message"));
        SpanAttributePolicy asked = TestConfigs.load(dir, "[telemetry.traces]\nexception_messages = true\n").spanAttributes();
        assertFalse(asked.drops("exception.message"));
        ConfigProblem hashedButOff = find(problems("[telemetry.traces]\nhash_attributes = ['exception.message']"),
                "telemetry.traces.hash_attributes");
        assertTrue(hashedButOff.message().contains("never sent unless exception_messages = true"), hashedButOff.message());
        assertEquals(2, hashedButOff.line());
    }

    @Test
    void metricsAccessFilesAreReadAtLoadAndTheirProblemsLocated() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "RSA");
        Files.writeString(dir.resolve("empty.password"), "");
        Files.writeString(dir.resolve("rsa-pkcs1.key"), TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        List<ConfigProblem> problems = problems(String.join("\n",
                "[telemetry.metrics.basic_auth]",
                "password_file = 'empty.password'",
                "[telemetry.metrics.tls]",
                "cert_file = '" + certificates.keyFile() + "'",
                "key_file = 'rsa-pkcs1.key'",
                "ca_file = 'ca.pem'"));
        assertEquals("needs telemetry.metrics.basic_auth.username", find(problems, "telemetry.metrics.basic_auth").message());
        assertTrue(find(problems, "telemetry.metrics.tls.cert_file").message().contains("is not a PEM certificate chain"), problems.toString());
        ConfigProblem key = find(problems, "telemetry.metrics.tls.key_file");
        assertTrue(key.message().contains("openssl pkcs8 -topk8 -nocrypt"), key.message());
        assertEquals(5, key.line());
        assertTrue(find(problems, "telemetry.metrics.tls.ca_file").message().startsWith("unknown key; expected one of"));

        ConfigProblem empty = find(problems("[telemetry.metrics.basic_auth]\nusername = 'prometheus'\npassword_file = 'empty.password'"),
                "telemetry.metrics.basic_auth.password_file");
        assertTrue(empty.message().endsWith("empty.password is empty; its first line is the password"), empty.message());
        assertTrue(find(problems("[telemetry.metrics.basic_auth]\nusername = 'p'\npassword_file = 'missing'"),
                "telemetry.metrics.basic_auth.password_file").message().startsWith("cannot read "));

        Files.writeString(dir.resolve("metrics.password"), "s3cret\n");
        MetricsConfig metrics = TestConfigs.load(dir, String.join("\n",
                "[telemetry.metrics.basic_auth]",
                "username = 'prometheus'",
                "password_file = 'metrics.password'",
                "[telemetry.metrics.tls]",
                "cert_file = '" + certificates.certFile() + "'",
                "key_file = '" + certificates.keyFile() + "'")).metrics();
        assertTrue(metrics.basicAuth().orElseThrow().accepts("prometheus", "s3cret"), "the password is the file's first line");
        assertFalse(metrics.basicAuth().orElseThrow().accepts("prometheus", "s3cret\n"));
        assertEquals(1, metrics.tls().orElseThrow().chain().length);
        assertTrue(TestConfigs.load(dir, "[telemetry.metrics]\n").metrics().tls().isEmpty());
    }

    @Test
    void anIncludeBelowATableIsToldToMoveUp() {
        ConfigProblem misplaced = find(problems("[telemetry.metrics]\nenabled = true\n\ninclude = ['rules.toml']\n"),
                "telemetry.metrics.include");
        assertEquals(4, misplaced.line());
        assertEquals("'include' is a top-level key, but written after the [telemetry.metrics] header it belongs to that table;"
                + " move it above the file's first table header", misplaced.message());
    }

    @Test
    void anUnknownRuleKeyIsNotOfferedLabels() {
        ConfigProblem unknown = find(problems(RULE + "lables = ['x']\n"), "rule[1].lables");
        assertTrue(unknown.message().startsWith("unknown key; expected one of "), unknown.message());
        assertFalse(unknown.message().contains("labels"), unknown.message());
    }

    @Test
    void aRuleMaySetItsSpanKindToOneOfOpenTelemetrys() throws Exception {
        String rule = "[[rule]]\nname = 'r'\nkind = '%s'\nclass.name = 'a.B'\nspan_kind = '%s'\n";
        AgentConfig config = TestConfigs.load(dir, String.format(rule, "command", "server"));
        assertEquals(RuleSpanKind.SERVER, config.rules().get(0).spanKind().orElseThrow());
        assertTrue(find(problems(String.format(rule, "command", "sideways")), "rule[1].span_kind").message()
                .contains("expected one of internal, server, client, producer, consumer"));
        assertTrue(find(problems(String.format(rule, "sync_heartbeat", "client")), "rule[1].span_kind").message()
                .contains("opens no span"));
    }

    @Test
    void tracesPutTraceIdsInLogRecordsUnlessToldNot() throws Exception {
        assertEquals(List.of("commands", "logback-trace-ids", "log4j2-trace-ids"), ruleNames("[telemetry.traces]\n" + RULE));
        assertEquals(List.of("commands", "logback-trace-ids", "log4j2-trace-ids"), ruleNames("include = ['nodescope:log-context']\n[telemetry.traces]\n" + RULE),
                "included once when a file names it too");
        assertEquals(List.of("commands"), ruleNames("[telemetry.traces]\nlog_context = false\n" + RULE));
        assertEquals(List.of("commands"), ruleNames("[telemetry.traces]\nenabled = false\n" + RULE));
        assertTrue(find(problems("[telemetry.traces]\nlog_context = 'yes'\n"), "telemetry.traces.log_context").message()
                .contains("expected true or false"));
    }

    @Test
    void metricsArePushedOverOtlpWhenTheExportersSaySo() throws Exception {
        MetricsConfig scraped = TestConfigs.load(dir, "[telemetry.metrics]\n").metrics();
        assertTrue(scraped.served());
        assertTrue(scraped.push().isEmpty());
        MetricsConfig pushed = TestConfigs.load(dir, String.join("\n", "[telemetry.metrics]", "exporters = ['otlp']",
                "otlp_endpoint = 'http://collector:4318'", "protocol = 'http/protobuf'", "export_interval_seconds = 15")).metrics();
        assertFalse(pushed.served());
        assertEquals(URI.create("http://collector:4318/v1/metrics"), pushed.push().orElseThrow().endpoint());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, pushed.push().orElseThrow().protocol());
        assertEquals(15, pushed.push().orElseThrow().interval().toSeconds());
        MetricsConfig both = TestConfigs.load(dir, "[telemetry.metrics]\nexporters = ['prometheus', 'otlp']\n").metrics();
        assertTrue(both.served());
        assertEquals(URI.create("http://127.0.0.1:4317"), both.push().orElseThrow().endpoint());
        assertEquals(60, both.push().orElseThrow().interval().toSeconds());

        MetricsConfig environment = TestConfigs.load(dir, "[telemetry.metrics]\n", Map.of("OTEL_METRICS_EXPORTER", "otlp,prometheus",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "https://mimir.example:4317", "OTEL_METRIC_EXPORT_INTERVAL", "5000")).metrics();
        assertTrue(environment.served());
        assertEquals(URI.create("https://mimir.example:4317"), environment.push().orElseThrow().endpoint());
        assertEquals(5, environment.push().orElseThrow().interval().toSeconds());
        assertFalse(TestConfigs.load(dir, "[telemetry.metrics]\n", Map.of("OTEL_METRICS_EXPORTER", "none")).metrics().served());

        assertTrue(find(problems("[telemetry.metrics]\nexporters = ['statsd']\n"), "telemetry.metrics.exporters").message()
                .contains("unknown exporter 'statsd'"));
        assertTrue(find(problems("[telemetry.metrics]\nexport_interval_seconds = 0\n"), "telemetry.metrics.export_interval_seconds")
                .message().contains("must be 1 to 3600"));
        assertTrue(find(problems("[telemetry.metrics]\nprotocol = 'udp'\n"), "telemetry.metrics.protocol").message()
                .contains("unknown protocol 'udp'"));
    }

    @Test
    void logsAreOffUnlessTheirSectionIsThereAndBringTheirPack() throws Exception {
        assertFalse(TestConfigs.load(dir, RULE).logs().enabled());
        AgentConfig logs = TestConfigs.load(dir, "[telemetry.logs]\nprotocol = 'http/protobuf'\nlevel = 'warn'\n" + RULE);
        assertTrue(logs.logs().enabled());
        assertEquals(URI.create("http://127.0.0.1:4318/v1/logs"), logs.logs().endpoint());
        assertEquals(LogsConfig.Level.WARN, logs.logs().level());
        assertEquals(List.of("commands", "logback-records", "jul-records", "log4j2-records"), ruleNames("[telemetry.logs]\n" + RULE));
        assertTrue(logs.anySignalEnabled());

        Map<String, String> environment = Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "https://loki.example/otlp/v1/logs",
                "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf");
        LogsConfig overridden = TestConfigs.load(dir, "[telemetry.logs]\n", environment).logs();
        assertEquals(URI.create("https://loki.example/otlp/v1/logs"), overridden.endpoint());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, overridden.protocol());
        assertFalse(TestConfigs.load(dir, "[telemetry.logs]\n", Map.of("OTEL_LOGS_EXPORTER", "none")).logs().enabled());
        assertTrue(find(problems("[telemetry.logs]\nlevel = 'verbose'\n"), "telemetry.logs.level").message()
                .contains("unknown level 'verbose'; expected one of \"trace\", \"debug\", \"info\", \"warn\", \"error\""));
    }

    private List<String> ruleNames(String toml) throws Exception {
        return TestConfigs.load(dir, toml).rules().stream().map(Rule::name).collect(Collectors.toList());
    }

    @Test
    void aRuleSaysWhatItsLazyResultIsAndOnlyWhereACallCanWaitForIt() throws Exception {
        String rule = "[[rule]]\nname = 'r'\nkind = '%s'\nclass.name = 'a.B'\n%s\n";
        LazyResult lazy = TestConfigs.load(dir, String.format(rule, "triple_store",
                "lazy.result = 'org.apache.jena.sparql.exec.RowSet'\nlazy.closing_this = true")).rules().get(0).lazy();
        assertEquals("org.apache.jena.sparql.exec.RowSet", lazy.resultType().orElseThrow());
        assertTrue(lazy.closingThis());
        assertFalse(TestConfigs.load(dir, String.format(rule, "command", "")).rules().get(0).lazy().any());
        assertTrue(find(problems(String.format(rule, "task", "lazy.closing_this = true")), "rule[1].lazy").message()
                .contains("kind task records what it reads when its method returns"));
        assertTrue(find(problems(String.format(rule, "triple_store", "lazy.result = 'java.util.Iterator'")), "rule[1].lazy.result")
                .message().contains("is a JDK type"));
        assertTrue(find(problems(String.format(rule, "triple_store", "lazy.result = 'a.*'")), "rule[1].lazy.result").message()
                .contains("a.*"));
        assertTrue(find(problems(String.format(rule, "triple_store", "lazy.closing_this = false")), "rule[1].lazy").message()
                .contains("give result = "));
        assertTrue(find(problems(String.format(rule, "triple_store", "lazy.until = 'closed'")), "rule[1].lazy.until").message()
                .contains("closing_this"));
        assertTrue(find(problems(String.format(rule, "triple_store", "lazy = true")), "rule[1].lazy").message()
                .contains("expected a table"));
    }

    private List<ConfigProblem> problems(String toml) {
        return assertThrows(ConfigException.class, () -> TestConfigs.load(dir, toml)).problems();
    }

    private static ConfigProblem find(List<ConfigProblem> problems, String key) {
        return problems.stream().filter(problem -> problem.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + problems));
    }
}
