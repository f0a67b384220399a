package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command README.md and docs/operators.md show an operator, run as shown. A command is a line of
 * a fenced block without a language (blocks of config or output are tagged {@code ini}, {@code text},
 * ...), a {@code $ } line of a {@code console} block, or inline code whose first word is a program or
 * an agent command. {@link #INVENTORY} says how each is covered: run here, run by another test, or not
 * run, with the reason; it must hold exactly the commands the docs show, so that a command added to
 * the docs without a test fails here. Only what must differ on a test machine is substituted
 * ({@link #onThisMachine}).
 */
class DocumentedCommandsIT {

    private static final List<String> DOCUMENTS = List.of("README.md", "docs/operators.md");
    /** Inline code of two words or more starting with one of these is a command the prose asks the operator to run. */
    private static final Set<String> PROGRAMS = Set.of("java", "sudo", "curl", "journalctl", "systemctl", "ps", "ss", "pgrep",
            "promtool", "amtool", "mimirtool", "ssh", "docker", "apt-get", "mvn", "install", "sha256sum", "tar", "./demo.sh",
            "./install.sh", "install.sh", "deploy/local/run-prometheus.sh", "init", "validate", "match", "attach");
    private static final String PROMETHEUS_SCRIPT = "deploy/local/run-prometheus.sh";
    private static final Map<String, Way> INVENTORY = inventory();
    private static final Set<String> AGENT_COMMANDS = Set.of("init", "validate", "match", "attach");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    Path dir;

    /** How a shown command is covered. */
    private record Way(Kind kind, String why) {
    }

    private enum Kind {
        /** {@code init}, {@code validate}, {@code match}: the sample node's config and jar. */
        AGENT_COMMAND,
        /** The node started with the agent, as the docs start it. */
        NODE_START,
        /** Run against that node. */
        ON_THE_NODE,
        /** Finding the sample node started without the agent, and attaching to it. */
        ATTACH,
        /** Run in the repository's root, which stands for the unpacked archive. */
        IN_THE_REPOSITORY,
        /** Run in a directory that stands for / . */
        INSTALL_FILES,
        /** Run by the test named in {@code why}. */
        ELSEWHERE,
        /** Not run anywhere, for the reason in {@code why}. */
        NOT_RUN
    }

    private static Map<String, Way> inventory() {
        Map<String, Way> inventory = new LinkedHashMap<>();
        for (String command : List.of(
                "java -jar nodescope-agent.jar init",
                "java -jar nodescope-agent.jar init --observability remote --otlp-endpoint URL",
                "validate FILE",
                "match --config FILE --classpath node.jar",
                "java -jar nodescope-agent.jar init --observability local --output /etc/nodescope/nodescope.toml",
                "java -jar nodescope-agent.jar validate /etc/nodescope/nodescope.toml",
                "sudo java -jar /opt/nodescope/nodescope-agent.jar init --observability local --output /etc/nodescope/nodescope.toml",
                "java -jar /opt/nodescope/nodescope-agent.jar validate /etc/nodescope/nodescope.toml",
                "java -jar /opt/nodescope/nodescope-agent.jar match --config /etc/nodescope/nodescope.toml --classpath /opt/node/node.jar",
                "java -jar nodescope-agent.jar init --observability remote --otlp-endpoint https://otlp.example.com:4317"
                        + " --protocol grpc --service-name node-eu-1 --output /etc/nodescope/nodescope.toml")) {
            inventory.put(command, new Way(Kind.AGENT_COMMAND, ""));
        }
        inventory.put("java -javaagent:nodescope-agent.jar=config=/etc/nodescope/nodescope.toml -jar node.jar", new Way(Kind.NODE_START, ""));
        inventory.put("-javaagent:/path/to/nodescope-agent.jar=config=/path/to/nodescope.toml", new Way(Kind.NODE_START, ""));
        for (String command : List.of(
                "curl -s http://127.0.0.1:9464/metrics | grep '^node_command_total'",
                "curl -s 127.0.0.1:9464/metrics | grep nodescope_instrumented_methods",
                "curl -s 127.0.0.1:9464/metrics | grep nodescope_span",
                "curl -s -w '%{http_code}\\n' http://127.0.0.1:9464/health/ready",
                "ps -o args -C java",
                "ss -ltnp | grep 9464")) {
            inventory.put(command, new Way(Kind.ON_THE_NODE, ""));
        }
        for (String command : List.of(
                "pgrep -f node.jar",
                "java -jar nodescope-agent.jar attach PID --config FILE",
                "sudo -u node java -jar /opt/nodescope/nodescope-agent.jar attach 4242 --config /etc/nodescope/nodescope.toml")) {
            inventory.put(command, new Way(Kind.ATTACH, ""));
        }
        for (String command : List.of(
                "amtool check-config alerts/alertmanager.example.yaml",
                "promtool check rules alerts/nodescope-alerts.yaml",
                "amtool config routes test --config.file=alertmanager.yaml severity=critical",
                PROMETHEUS_SCRIPT)) {
            inventory.put(command, new Way(Kind.IN_THE_REPOSITORY, ""));
        }
        inventory.put("sudo install -d /opt/nodescope", new Way(Kind.INSTALL_FILES, ""));
        inventory.put("sudo install -m 0644 nodescope-agent.jar /opt/nodescope/", new Way(Kind.INSTALL_FILES, ""));

        String releaseArchive = "ReleaseArchiveIT, from the built archive served in place of the release URL, into a temporary root";
        for (String command : List.of(
                "curl -fL --remote-name-all https://github.com/nodescope/nodescope/releases/download/v0.1.0-SNAPSHOT/"
                        + "nodescope-0.1.0-SNAPSHOT.tar.gz{,.sha256} && sha256sum -c nodescope-0.1.0-SNAPSHOT.tar.gz.sha256",
                "tar xzf nodescope-0.1.0-SNAPSHOT.tar.gz && cd nodescope-0.1.0-SNAPSHOT",
                "sudo ./install.sh --observability local --node-unit node",
                "sudo ./install.sh --observability remote --otlp-endpoint https://otlp.example.com:4317 --node-unit node",
                "sudo ./install.sh --observability remote --otlp-endpoint https://otlp.example.com:4317 --service-name node-eu-1"
                        + " --node-unit node",
                "sudo ./install.sh --node-unit node",
                "install.sh --observability local")) {
            inventory.put(command, new Way(Kind.ELSEWHERE, releaseArchive));
        }
        inventory.put("systemctl daemon-reload", new Way(Kind.ELSEWHERE,
                "ReleaseArchiveIT: install.sh runs it after writing the drop-in, through a stand-in that records the call"));
        inventory.put("./demo.sh", new Way(Kind.ELSEWHERE, "DemoIT"));
        inventory.put("./demo.sh --traces", new Way(Kind.ELSEWHERE, "DemoIT, with --seconds and free ports added"));
        inventory.put("apt-get install prometheus", new Way(Kind.NOT_RUN,
                "needs root; .ci/run installs the package, and DemoIT runs the demo with it"));
        inventory.put("promtool check metrics", new Way(Kind.ELSEWHERE, "MetricsIT, on the node's /metrics (the README's account of the tests)"));

        String build = "the build that runs this test: CI runs mvn -B verify (.ci/run), which also packages the archive";
        for (String command : List.of("mvn -B verify", "mvn -B package", "mvn -B package -DskipTests")) {
            inventory.put(command, new Way(Kind.NOT_RUN, build));
        }
        String systemd = "needs root and systemd managing a node unit";
        for (String command : List.of(
                "sudo systemctl daemon-reload && sudo systemctl restart node",
                "sudo systemctl restart node",
                "systemctl start node",
                "sudo systemctl enable --now node-ready-watchdog.timer",
                "sudo systemctl disable --now prometheus prometheus-alertmanager")) {
            inventory.put(command, new Way(Kind.NOT_RUN, systemd));
        }
        inventory.put("journalctl -u node | grep nodescope", new Way(Kind.NOT_RUN,
                "needs the node's unit in the journal; the node's own output, which the journal holds, is checked for the lines it names"));
        inventory.put("sudo apt-get install --no-install-recommends prometheus prometheus-alertmanager", new Way(Kind.NOT_RUN,
                "needs root; .ci/run installs these packages, and ReleaseArchiveIT checks install.sh's own apt-get call"));
        inventory.put("docker compose -f deploy/local/docker-compose.yaml up -d", new Way(Kind.NOT_RUN,
                "needs Docker; LocalStackIT runs the stack's Prometheus config against a node configured by init"));
        inventory.put("ssh -L 3000:127.0.0.1:3000 -L 9090:127.0.0.1:9090 you@vps", new Way(Kind.NOT_RUN, "needs a remote host"));
        inventory.put("mimirtool rules load --address=https://mimir.example.com --id=<tenant> alerts/nodescope-alerts.yaml",
                new Way(Kind.NOT_RUN, "needs a Mimir; promtool check rules checks the same file here"));
        inventory.put("sha256sum -c", new Way(Kind.ELSEWHERE,
                "ReleaseArchiveIT, on the manifest of a local install with an edited alertmanager.yml, its paths read under the test's root"));
        return inventory;
    }

    @Test
    void theInventoryHoldsExactlyTheCommandsTheDocsShow() throws Exception {
        TreeSet<String> shown = shownCommands();
        TreeSet<String> notInTheInventory = new TreeSet<>(shown);
        notInTheInventory.removeAll(INVENTORY.keySet());
        TreeSet<String> notInTheDocs = new TreeSet<>(INVENTORY.keySet());
        notInTheDocs.removeAll(shown);
        assertEquals(List.of(), List.copyOf(notInTheInventory), "commands the docs show that no test runs or names: add them to INVENTORY");
        assertEquals(List.of(), List.copyOf(notInTheDocs), "commands INVENTORY lists that the docs no longer show");
    }

    @Test
    void agentCommandsRunOnTheSampleNodesConfigAndJar() throws Exception {
        int index = 0;
        for (String command : commands(Kind.AGENT_COMMAND)) {
            Path here = Files.createDirectories(dir.resolve("command-" + index++));
            boolean init = command.contains(" init");
            // init writes a new file; the others read the sample node's config, as an operator's would be.
            Path config = init ? here.resolve("etc/node/nodescope.toml") : SampleConfig.shipped().metricsPort(FreePort.pick()).write(here);
            ScriptRun run = shell(here, onThisMachine(command, new Stand(config, 0, 0, here.resolve("root"))));
            assertEquals(0, run.exitCode(), command + "\n" + run.output());
            if (init) {
                Path written = command.contains("--output") ? config : here.resolve("nodescope.toml");
                assertTrue(run.output().contains("wrote " + written), command + "\n" + run.output());
                AgentCommandLine validate = AgentCommandLine.run(here, "validate", written.toString());
                assertEquals(0, validate.exitCode, command + " wrote a valid config: " + validate);
            } else if (command.contains("match ")) {
                // Each rule by name and kind, then the methods it selects in the jar.
                assertTrue(Pattern.compile("(?m)^node-commands \\(command, .*\\n  org\\.example\\.node\\.command\\.").matcher(run.output()).find(),
                        command + "\n" + run.output());
            }
        }
    }

    @Test
    void aNodeStartedAsShownAnswersTheCommandsRunOnIt() throws Exception {
        int metricsPort = FreePort.pick();
        // Traces go to a port nothing listens on: the span metrics count the failed exports.
        Path config = SampleConfig.shipped().metricsPort(metricsPort).traces("http://127.0.0.1:" + FreePort.pick(), "grpc").write(dir);
        Stand stand = new Stand(config, metricsPort, 0, dir.resolve("root"));
        List<String> starts = commands(Kind.NODE_START);
        String start = starts.stream().filter(command -> command.startsWith("java ")).findFirst().orElseThrow();
        List<String> words = List.of(onThisMachine(start, stand).split(" "));
        String flag = words.stream().filter(word -> word.startsWith("-javaagent:")).findFirst().orElseThrow();
        for (String shownFlag : starts) {
            if (shownFlag.startsWith("-javaagent:")) {
                assertEquals(flag, onThisMachine(shownFlag, stand), "the same flag as " + start);
            }
        }
        // The sample node stands for the operator's: its API on a free port, its workload for the node's traffic.
        try (NodeProcess node = NodeProcess.java().jvmArguments(words.subList(1, words.size()).toArray(String[]::new))
                .arguments("--port", "0", "--workload-seconds", "120", "--workload-rate", "20").start()) {
            node.awaitListening(Patience.START);
            // What the journal shows of the node, as the docs quote it.
            node.awaitLine(line -> line.matches("\\[nodescope\\] version .* started with \\d+ rules"), Patience.START);
            node.awaitLine(line -> line.equals("[nodescope] metrics: http://127.0.0.1:" + metricsPort + "/metrics"), Patience.START);
            Scrape.awaitMetrics(metricsPort, metrics -> metrics.samples("node_command_total").size() > 0, Patience.DATA);
            Map<String, Pattern> expected = Map.of(
                    "'^node_command_total'", Pattern.compile("(?m)^node_command_total\\{"),
                    "nodescope_instrumented_methods", Pattern.compile("(?m)^nodescope_instrumented_methods\\{rule=\"node-commands\"\\} 5"),
                    "nodescope_span", Pattern.compile("(?m)^nodescope_span"),
                    // The JSON body on its line, the status on the next, as the docs show them.
                    "/health/ready", Pattern.compile("^\\{\"status\":\"ready\",\"checks\":\\[.*\\]\\}\\n200\\n$"),
                    "ps -o args", Pattern.compile(Pattern.quote(flag)),
                    // ss shows a Java socket on the IPv4 loopback address as [::ffff:127.0.0.1].
                    "ss -ltnp", Pattern.compile("127\\.0\\.0\\.1\\]?:" + metricsPort + "\\b"));
            for (String command : commands(Kind.ON_THE_NODE)) {
                ScriptRun run = shell(dir, onThisMachine(command, stand));
                assertEquals(0, run.exitCode(), command + "\n" + run.output());
                Pattern shows = expected.entrySet().stream().filter(e -> command.contains(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElseThrow(() -> new AssertionError("nothing expected of " + command));
                assertTrue(shows.matcher(run.output()).find(), command + " shows " + shows + ":\n" + run.output());
            }
        }
    }

    @Test
    void theNodeIsFoundAndAttachedAsShown() throws Exception {
        Path config = SampleConfig.shipped().metricsPort(FreePort.pick()).tracesEnabled(false).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().arguments("--port", "0").start()) {
            node.awaitListening(Patience.START);
            Stand stand = new Stand(config, 0, node.pid(), dir.resolve("root"));
            int attached = 0;
            for (String command : commands(Kind.ATTACH)) {
                ScriptRun run = shell(dir, onThisMachine(command, stand));
                if (command.startsWith("pgrep ")) {
                    assertEquals(0, run.exitCode(), command + "\n" + run.output());
                    assertTrue(run.output().lines().anyMatch(line -> line.equals(Long.toString(node.pid()))), command + "\n" + run.output());
                } else if (attached++ == 0) {
                    assertEquals(0, run.exitCode(), command + "\n" + run.output());
                    assertTrue(run.output().startsWith("attached to PID " + node.pid() + " with " + config + "\n"), run.output());
                } else {
                    // Every attach after the first finds the agent there.
                    assertEquals(4, run.exitCode(), command + "\n" + run.output());
                    assertTrue(run.output().contains("the agent already runs (attached earlier)"), run.output());
                }
            }
            assertTrue(attached >= 2, "the docs show the attach command: " + commands(Kind.ATTACH));
        }
    }

    @Test
    void theChecksAndThePrometheusScriptRunInTheRepository() throws Exception {
        Path repository = TestPaths.repositoryFile("README.md").getParent();
        for (String command : commands(Kind.IN_THE_REPOSITORY)) {
            if (command.equals(PROMETHEUS_SCRIPT)) {
                continue;
            }
            ScriptRun run = shell(repository, onThisMachine(command, new Stand(dir.resolve("nodescope.toml"), 0, 0, dir.resolve("root"))));
            assertEquals(0, run.exitCode(), command + "\n" + run.output());
            if (command.contains("routes test")) {
                // The receiver is the last line: amtool may warn first that --config.file wins over a configured Alertmanager URL.
                assertEquals("on-call-pager", run.output().strip().lines().reduce((first, last) -> last).orElse(""),
                        "critical alerts reach the pager: " + command + "\n" + run.output());
            }
        }
        int port = FreePort.pick();
        // The script's own settings: a free port for 127.0.0.1:9090, a scratch TSDB.
        ProcessBuilder script = new ProcessBuilder(repository.resolve(PROMETHEUS_SCRIPT).toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile());
        script.environment().put("NODESCOPE_PROMETHEUS_LISTEN", "127.0.0.1:" + port);
        script.environment().put("NODESCOPE_PROMETHEUS_DATA", dir.resolve("tsdb").toString());
        Process prometheus = script.start();
        try {
            String rules = awaitOk(URI.create("http://127.0.0.1:" + port + "/api/v1/rules"), prometheus);
            assertTrue(rules.contains("\"name\":\"NodescopeTargetDown\""), "the Nodescope rules are loaded: " + rules);
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void theAgentIsInstalledAsShown() throws Exception {
        Stand stand = new Stand(dir.resolve("nodescope.toml"), 0, 0, dir.resolve("root"));
        for (String command : commands(Kind.INSTALL_FILES)) {
            shell(dir, onThisMachine(command, stand)).succeeded();
        }
        Path installed = stand.root().resolve("opt/nodescope/nodescope-agent.jar");
        assertEquals(-1, Files.mismatch(TestPaths.agentJar(), installed), "the agent jar installed");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)));
    }

    /** Every command the documents show, by the rule of this class's comment. */
    private static TreeSet<String> shownCommands() throws Exception {
        TreeSet<String> commands = new TreeSet<>();
        for (String name : DOCUMENTS) {
            Path document = TestPaths.repositoryFile(name);
            for (List<String> block : MarkdownText.codeBlocks(document, "")) {
                // A line ending in a backslash goes on in the next; a comment after a command is not part of it.
                String joined = String.join("\n", block).replaceAll("\\\\\\n\\s*", "");
                joined.lines().map(line -> line.replaceFirst("\\s+#\\s.*$", "").strip()).filter(line -> !line.isEmpty())
                        .forEach(commands::add);
            }
            for (List<String> block : MarkdownText.codeBlocks(document, "console")) {
                block.stream().filter(line -> line.startsWith("$ ")).map(line -> line.substring(2)).forEach(commands::add);
            }
            for (String code : MarkdownText.inlineCode(document)) {
                String[] words = code.split(" ");
                if (words.length > 1 && PROGRAMS.contains(words[0]) || code.startsWith("-javaagent:")) {
                    commands.add(code);
                }
            }
        }
        return commands;
    }

    /** The inventory's commands of a kind, in its order, each checked to be one the docs show. */
    private static List<String> commands(Kind kind) throws Exception {
        TreeSet<String> shown = shownCommands();
        List<String> commands = INVENTORY.entrySet().stream().filter(entry -> entry.getValue().kind() == kind)
                .map(Map.Entry::getKey).collect(Collectors.toList());
        for (String command : commands) {
            assertTrue(shown.contains(command), "the docs show " + command);
        }
        return commands;
    }

    /** What stands, on this machine, for the paths, ports and process the docs name. */
    private record Stand(Path config, int metricsPort, long pid, Path root) {
    }

    /**
     * The command with the docs' names for things replaced by this machine's: the built agent jar for
     * nodescope-agent.jar wherever the docs put it; the stand's config file for /etc/nodescope/nodescope.toml
     * and the placeholders FILE and /path/to/nodescope.toml; the built sample node's jar for node.jar
     * (its full path, so that pgrep finds this test's node only); the node's process id for PID and
     * 4242; a collector address for URL; the stand's free metrics port for 9464; the repository's
     * example for the operator's own alertmanager.yaml; a directory standing for / for /opt/nodescope;
     * the JDK running the tests for java, and promtool and amtool where the other tests take them from.
     * sudo goes: the test runs as the user that owns the node and the files. A bare agent command
     * (validate FILE) is the agent jar's, as the sentence around it says.
     */
    private static String onThisMachine(String shown, Stand stand) {
        String withoutSudo = shown.replaceAll("(^|&& )sudo (-u \\S+ )?", "$1");
        String command = AGENT_COMMANDS.contains(withoutSudo.split(" ")[0]) ? "java -jar nodescope-agent.jar " + withoutSudo : withoutSudo;
        Map<String, String> names = new LinkedHashMap<>();
        names.put("/opt/nodescope/nodescope-agent.jar", TestPaths.agentJar().toString());
        names.put("/path/to/nodescope-agent.jar", TestPaths.agentJar().toString());
        names.put("nodescope-agent.jar", TestPaths.agentJar().toString());
        names.put("/etc/nodescope/nodescope.toml", stand.config().toString());
        names.put("/path/to/nodescope.toml", stand.config().toString());
        names.put("FILE", stand.config().toString());
        names.put("/opt/node/node.jar", TestPaths.sampleNodeJar().toString());
        names.put("node.jar", TestPaths.sampleNodeJar().toString());
        names.put("PID", Long.toString(stand.pid()));
        names.put("4242", Long.toString(stand.pid()));
        names.put("URL", "http://127.0.0.1:4317");
        names.put("127.0.0.1:9464", "127.0.0.1:" + stand.metricsPort());
        names.put("9464", Integer.toString(stand.metricsPort()));
        names.put("alertmanager.yaml", "alerts/alertmanager.example.yaml");
        names.put("/opt/nodescope", stand.root().resolve("opt/nodescope").toString());
        names.put("promtool", CheckerRun.binary("PROMTOOL_BIN", "promtool"));
        names.put("amtool", CheckerRun.binary("AMTOOL_BIN", "amtool"));
        // One pass, longest name first, each name whole: a replacement is never read again.
        Pattern anyName = Pattern.compile("(?<![\\w.-])(" + names.keySet().stream().sorted(Comparator.comparing(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\w.-])");
        String replaced = anyName.matcher(command).replaceAll(match -> Matcher.quoteReplacement(names.get(match.group(1))));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return replaced.startsWith("java ") ? java + replaced.substring("java".length()) : replaced;
    }

    private static ScriptRun shell(Path directory, String command) throws Exception {
        return ScriptRun.of(directory, Map.of(), "", List.of("bash", "-c", "set -o pipefail\n" + command));
    }

    /** The body of the first 200 answer from {@code uri}, waiting while the process that serves it starts. */
    private static String awaitOk(URI uri, Process server) throws Exception {
        long deadline = System.nanoTime() + Patience.START.toNanos();
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                failures.add(response.statusCode() + " " + response.body());
            } catch (java.io.IOException e) {
                failures.add(e.toString());
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError(uri + " did not answer 200 (the server " + (server.isAlive() ? "runs" : "ended") + "): "
                + failures.subList(Math.max(0, failures.size() - 3), failures.size()));
    }
}
