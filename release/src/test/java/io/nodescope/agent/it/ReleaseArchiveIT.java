package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator meets it: downloaded, checked and unpacked by the commands
 * the README shows, then installed with install.sh into a temporary directory that stands in for
 * / ({@code --root}: install.sh then installs no package and restarts no service). The local install
 * is then run: the sample node started with the options of the systemd drop-in install.sh wrote,
 * and a real Prometheus with the config it wrote, scraping the node with the Nodescope rules loaded.
 */
class ReleaseArchiveIT {

    private static final String VERSION = System.getProperty("nodescope.version");
    private static final String NAME = "nodescope-" + VERSION;
    /** Where the docs download the archive from; the test serves the built archive in its place. */
    private static final Pattern RELEASE_URL = Pattern.compile("https://github\\.com/nodescope/nodescope/releases/download/v([^/]+)/");
    private static final String INSTALL = "sudo ./install.sh";
    /** Where the agent serves /metrics and Prometheus scrapes it, in the configs install.sh writes. */
    private static final String METRICS_ADDRESS = "127.0.0.1:9464";
    /** Paths of the source tree that mean nothing in the unpacked archive. */
    private static final List<String> REPOSITORY_PATHS = List.of("agent/target", "agent/src", "sample-node/", "test-apps/",
            "instrumentations/", "benchmarks/", "scripts/", "demo.sh", ".ci/", "mvn ");

    @TempDir
    static Path dir;
    private static Path unpacked;

    /** The README's download, check and unpack commands, run as shown, against the built archive served on loopback. */
    @BeforeAll
    static void downloadCheckAndUnpackAsTheReadmeSays() throws Exception {
        Path archive = Path.of(System.getProperty("nodescope.release.archive"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = archive.resolveSibling(exchange.getRequestURI().getPath().substring(1));
            boolean served = file.getFileName().toString().startsWith(NAME + ".tar.gz") && Files.isRegularFile(file);
            exchange.sendResponseHeaders(served ? 200 : 404, served ? Files.size(file) : -1);
            if (served) {
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            List<String> steps = downloadAndUnpack(repositoryFile("README.md"));
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Path download = Files.createDirectories(dir.resolve("download"));
            ScriptRun run = ScriptRun.of(download, Map.of(), "", List.of("bash", "-c",
                    "set -euo pipefail\n" + RELEASE_URL.matcher(String.join("\n", steps)).replaceAll(base) + "\npwd")).succeeded();
            assertTrue(run.output().contains(NAME + ".tar.gz: OK"), "sha256sum checked the archive:\n" + run.output());
            unpacked = download.resolve(NAME);
            assertEquals(unpacked.toString(), run.output().strip().lines().reduce((first, last) -> last).orElseThrow(),
                    "the unpack command ends in the archive's directory");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theArchiveHoldsTheOperatorsFilesAndRefersOnlyToThem() throws Exception {
        for (String file : List.of("nodescope-agent.jar", "README.md", "dashboards/README.md", "dashboards/node-overview.json",
                "dashboards/provisioning/dashboards/nodescope.yaml", "dashboards/provisioning/datasources/nodescope.yaml",
                "alerts/README.md", "alerts/nodescope-alerts.yaml", "alerts/alertmanager.example.yaml",
                "alerts/runbooks/NodescopeTargetDown.md", "deploy/local/docker-compose.yaml", "deploy/local/prometheus.yml",
                "deploy/local/rules/nodescope-alerts.yaml", "docs/operators.md", "docs/configuration.md", "docs/rules.md")) {
            assertTrue(Files.isRegularFile(unpacked.resolve(file)), file + " is in the archive");
        }
        assertTrue(Files.isExecutable(unpacked.resolve("install.sh")), "install.sh is executable");
        assertTrue(Files.isExecutable(unpacked.resolve("deploy/local/run-prometheus.sh")), "run-prometheus.sh is executable");
        assertEquals(-1, Files.mismatch(TestPaths.agentJar(), unpacked.resolve("nodescope-agent.jar")), "the built agent jar");

        List<String> threeCommands = MarkdownText.codeBlocks(unpacked.resolve("README.md")).get(0);
        assertEquals(downloadAndUnpack(repositoryFile("README.md")), threeCommands.subList(0, 2), "the README starts with them");
        assertEquals(List.of(INSTALL + " --observability local --node-unit node"), threeCommands.subList(2, threeCommands.size()));
        for (Path document : List.of(repositoryFile("README.md"), repositoryFile("docs/operators.md"), unpacked.resolve("docs/operators.md"))) {
            assertTrue(MarkdownText.codeBlocks(document).contains(threeCommands), document + " shows the three commands");
        }

        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(unpacked)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.toString().endsWith(".jar")) {
                    continue;
                }
                String text = Files.readString(file);
                REPOSITORY_PATHS.stream().filter(text::contains).forEach(path -> problems.add(unpacked.relativize(file) + " names " + path));
                if (file.toString().endsWith(".md")) {
                    for (String link : MarkdownText.relativeLinks(file)) {
                        Path target = file.resolveSibling(link).normalize();
                        if (!target.startsWith(unpacked) || !Files.exists(target)) {
                            problems.add(unpacked.relativize(file) + " links to " + link + ", which the archive does not hold");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void helpAndDryRunsChangeNothing() throws Exception {
        ScriptRun help = install(List.of("--help"));
        assertEquals(0, help.exitCode(), help.output());
        for (String option : List.of("--observability", "--node-unit", "--otlp-endpoint", "--yes", "--dry-run", "--root", "--replace-config")) {
            assertTrue(help.output().contains(option), "--help describes " + option + ":\n" + help.output());
        }
        Path root = Files.createDirectories(dir.resolve("dry-run"));
        for (List<String> mode : List.<List<String>>of(List.of(), List.of("--observability", "remote", "--otlp-endpoint", "https://otlp.example.com:4317"),
                List.of("--observability", "local"))) {
            List<String> arguments = new ArrayList<>(mode);
            arguments.addAll(List.of("--node-unit", "node", "--dry-run", "--root", root.toString()));
            ScriptRun dryRun = install(arguments).succeeded();
            for (String change : List.of("would create /opt/nodescope/nodescope-agent.jar", "would create /etc/nodescope/nodescope.toml",
                    "would create /etc/systemd/system/node.service.d/nodescope.conf")) {
                assertTrue(dryRun.output().contains(change), mode + " prints '" + change + "':\n" + dryRun.output());
            }
            assertEquals(mode.contains("local"), dryRun.output().contains("would create /etc/prometheus/prometheus.yml"), dryRun.output());
            assertEquals(Map.of(), FileSnapshot.of(root), mode + " --dry-run wrote nothing");
        }
    }

    @Test
    void everyInstallCommandTheDocsShowRuns() throws Exception {
        TreeSet<String> commands = new TreeSet<>();
        for (Path document : List.of(repositoryFile("README.md"), repositoryFile("docs/operators.md"), unpacked.resolve("README.md"))) {
            commands.addAll(MarkdownText.commands(document, INSTALL));
        }
        assertTrue(commands.size() >= 3, "the docs show the three modes: " + commands);
        int index = 0;
        for (String command : commands) {
            Path root = Files.createDirectories(dir.resolve("docs-" + index++));
            List<String> arguments = new ArrayList<>(Arrays.asList(command.substring(INSTALL.length()).trim().split("\\s+")));
            arguments.addAll(List.of("--root", root.toString()));
            // The local mode's question, answered as an operator would.
            ScriptRun run = ScriptRun.of(unpacked, Map.of("JAVA", java()), "y\n", cons("./install.sh", arguments)).succeeded();
            assertEquals(command.contains("local"), run.output().contains(
                    "skipped installing prometheus and prometheus-alertmanager (--root: packages are not installed)"), run.output());
            assertTrue(Files.isRegularFile(root.resolve("opt/nodescope/nodescope-agent.jar")), command + ":\n" + run.output());
            assertTrue(Files.isRegularFile(root.resolve("etc/nodescope/nodescope.toml")), command + ":\n" + run.output());
        }
    }

    @Test
    void aUnitsOwnJavaToolOptionsStayInForce() throws Exception {
        Path root = dir.resolve("unit-with-options");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/systemd/system/node.service"),
                "[Service]\nEnvironmentFile=-/etc/default/node\nExecStart=/usr/bin/java -jar /opt/node/node.jar\n");
        Files.writeString(root.resolve("etc/default/node"), "JAVA_TOOL_OPTIONS=\"-Xmx1g\"\n");
        install(List.of("--node-unit", "node", "--root", root.toString())).succeeded();
        assertEquals(Map.entry("JDK_JAVA_OPTIONS", "-javaagent:/opt/nodescope/nodescope-agent.jar=config=/etc/nodescope/nodescope.toml"),
                environment(root.resolve("etc/systemd/system/node.service.d/nodescope.conf")));

        Files.writeString(root.resolve("etc/default/node"), "JDK_JAVA_OPTIONS=-Xss1m\n", StandardOpenOption.APPEND);
        ScriptRun both = install(List.of("--node-unit", "node", "--root", root.toString()));
        assertEquals(1, both.exitCode(), both.output());
        assertTrue(both.output().contains("node.service sets both JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS"), both.output());
    }

    @Test
    void aLocalInstallRunsTheNodeThroughTheDropInAndPrometheusWithTheRules() throws Exception {
        Path root = Files.createDirectories(dir.resolve("local"));
        SystemStandIns system = SystemStandIns.in(Files.createDirectories(dir.resolve("stand-ins")), root);
        List<String> arguments = List.of("--observability", "local", "--yes", "--node-unit", "node", "--root", root.toString());
        // A Prometheus config as its package left it is replaced; one edited since would be kept.
        byte[] packaged = "# as the package ships it\n".getBytes(StandardCharsets.UTF_8);
        Files.write(Files.createDirectories(root.resolve("etc/prometheus")).resolve("prometheus.yml"), packaged);
        system.packaged("/etc/prometheus/prometheus.yml", packaged);
        ScriptRun first = install(arguments, system).succeeded();
        assertTrue(first.output().contains("higher-resource mode"), first.output());
        assertTrue(first.output().contains("replaced /etc/prometheus/prometheus.yml (the previous one kept as /etc/prometheus/prometheus.yml.bak)"),
                first.output());
        assertArrayEquals(packaged, Files.readAllBytes(root.resolve("etc/prometheus/prometheus.yml.bak")));
        assertEquals(List.of("systemctl daemon-reload", "apt-get update -qq",
                "apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold prometheus prometheus-alertmanager (configs in place)",
                "systemctl restart prometheus", "systemctl restart prometheus-alertmanager"), system.takeCalls(), first.output());

        Path prometheusYml = root.resolve("etc/prometheus/prometheus.yml");
        Path alertmanagerYml = root.resolve("etc/prometheus/alertmanager.yml");
        TreeSet<String> alertGroups = RuleFileGroups.in(unpacked.resolve("alerts"));
        assertEquals(alertGroups, RuleFileGroups.in(root.resolve("etc/prometheus/rules")), "the rules, where prometheus.yml reads them");
        String check = Promtool.checkConfig(prometheusYml);
        assertTrue(check.contains(" 1 rule files found"), check);
        for (String ruleFile : new TreeSet<>(alertGroups.stream().map(group -> group.substring(0, group.indexOf('/'))).toList())) {
            Promtool.checkRules(root.resolve("etc/prometheus/rules").resolve(ruleFile));
        }
        Amtool.checkConfig(alertmanagerYml);
        try (Stream<Path> dashboards = Files.list(root.resolve("var/lib/grafana/dashboards/nodescope"))) {
            assertEquals(4, dashboards.filter(file -> file.toString().endsWith(".json")).count(), "the four dashboards");
        }
        assertTrue(Files.isRegularFile(root.resolve("etc/grafana/provisioning/dashboards/nodescope.yaml")));
        assertTrue(Files.isRegularFile(root.resolve("etc/grafana/provisioning/datasources/nodescope.yaml")));
        assertServiceArguments(root.resolve("etc/default/prometheus"), PrometheusServer.DEFAULT_BINARY, "--web.listen-address=127.0.0.1:9090");
        assertServiceArguments(root.resolve("etc/default/prometheus-alertmanager"), "/usr/bin/prometheus-alertmanager",
                "--web.listen-address=127.0.0.1:9093", "--cluster.listen-address=");

        Map<String, String> installed = FileSnapshot.of(root);
        ScriptRun second = install(arguments, system).succeeded();
        assertTrue(second.output().contains("Nothing to change"), second.output());
        assertEquals(installed, FileSnapshot.of(root), "the second run wrote nothing");
        assertEquals(List.of(), system.takeCalls(), "the second run installed and restarted nothing");

        Files.writeString(alertmanagerYml, "# this team's receivers\n", StandardOpenOption.APPEND);
        ScriptRun edited = install(arguments, system).succeeded();
        assertTrue(edited.output().contains("kept /etc/prometheus/alertmanager.yml"), edited.output());
        assertEquals(List.of(), system.takeCalls(), edited.output());
        assertTrue(Files.readString(alertmanagerYml).endsWith("# this team's receivers\n"), "the operator's edit stays");
        // The docs' `sha256sum -c` on the manifest names the file edited since, and only it (its absolute paths read under the root).
        ScriptRun edits = ScriptRun.of(root, Map.of(), "", List.of("bash", "-c",
                "sed 's|  /|  ./|' opt/nodescope/installed-files.sha256 | sha256sum -c --quiet"));
        assertEquals(1, edits.exitCode(), edits.output());
        assertEquals(List.of("./etc/prometheus/alertmanager.yml: FAILED"),
                edits.output().lines().filter(line -> line.endsWith("FAILED")).toList(), edits.output());
        String receivers = Files.readString(alertmanagerYml);
        Files.writeString(alertmanagerYml, receivers.replace("receiver: team-chat", "receiver: no-such-receiver"));
        ScriptRun rejected = install(arguments, system);
        assertEquals(1, rejected.exitCode(), rejected.output());
        assertTrue(rejected.output().contains("amtool rejects " + alertmanagerYml), rejected.output());
        assertEquals(List.of(), system.takeCalls(), rejected.output());
        Files.writeString(alertmanagerYml, receivers);

        // Port 9464 may be taken on a shared machine: the node's metrics port, and the target that
        // Prometheus scrapes, move to a free one; nothing else of the written files changes.
        String metricsAddress = "127.0.0.1:" + FreePort.pick();
        Path config = root.resolve("etc/nodescope/nodescope.toml");
        Files.writeString(config, replaceOnce(Files.readString(config), "bind_address = \"" + METRICS_ADDRESS + "\"",
                "bind_address = \"" + metricsAddress + "\""));
        // Beside the written config, so that its relative rule_files resolve to the same rules.
        Path scrapingFreePort = Files.writeString(prometheusYml.resolveSibling("prometheus-free-port.yml"),
                replaceOnce(Files.readString(prometheusYml), "- " + METRICS_ADDRESS, "- " + metricsAddress));

        Map.Entry<String, String> dropIn = environment(root.resolve("etc/systemd/system/node.service.d/nodescope.conf"));
        assertEquals("JAVA_TOOL_OPTIONS", dropIn.getKey());
        try (NodeProcess node = NodeProcess.sampleNode().environment(dropIn.getKey(), underRoot(root, dropIn.getValue()))
                .arguments("--port", "0", "--workload-seconds", "60").start();
                PrometheusServer prometheus = PrometheusServer.builder().configFile(scrapingFreePort, 1).start()) {
            node.awaitListening(Patience.START);
            node.awaitLine(line -> line.startsWith("Picked up JAVA_TOOL_OPTIONS: -javaagent:"), Patience.START);
            prometheus.awaitTargetsUp(Patience.START);
            assertEquals(alertGroups, loadedGroups(prometheus), "rule groups loaded by Prometheus");
            JsonNode alertmanagers = prometheus.getJson("/api/v1/alertmanagers").path("data").path("activeAlertmanagers");
            assertEquals("http://127.0.0.1:9093/api/v2/alerts", alertmanagers.path(0).path("url").asText(), alertmanagers.toString());
            prometheus.awaitNonEmpty("nodescope_build_info{job=\"node\"}", Patience.DATA);
        }
    }

    /** The download-and-check and the unpack command of a document, as it shows them. */
    private static List<String> downloadAndUnpack(Path document) throws IOException {
        List<String> download = MarkdownText.commands(document, "curl ");
        List<String> unpack = MarkdownText.commands(document, "tar xzf ");
        assertEquals(1, download.size(), document + " shows one download command: " + download);
        assertEquals(1, unpack.size(), document + " shows one unpack command: " + unpack);
        Matcher url = RELEASE_URL.matcher(download.get(0));
        assertTrue(url.find(), document + " downloads from the releases: " + download);
        assertEquals(VERSION, url.group(1), document + " downloads this version");
        assertTrue(download.get(0).endsWith("sha256sum -c " + NAME + ".tar.gz.sha256"), "and checks it: " + download);
        return List.of(download.get(0), unpack.get(0));
    }

    /** The variable and value of the drop-in's {@code Environment="NAME=VALUE"}, as systemd passes them. */
    private static Map.Entry<String, String> environment(Path dropIn) throws IOException {
        Matcher line = Pattern.compile("(?m)^Environment=\"([A-Z_]+)=([^\"]*)\"$").matcher(Files.readString(dropIn));
        assertTrue(line.find(), dropIn + " sets a variable:\n" + Files.readString(dropIn));
        return Map.entry(line.group(1), line.group(2));
    }

    /** The drop-in names the installed system's paths, /opt/... and /etc/...; here they are under the test's root. */
    private static String underRoot(Path root, String options) {
        return options.replace(":/", ":" + root + "/").replace("=/", "=" + root + "/");
    }

    /** The {@code ARGS} of a service's /etc/default file hold {@code expected} and are flags its binary accepts. */
    private static void assertServiceArguments(Path defaults, String binary, String... expected) throws Exception {
        Matcher args = Pattern.compile("(?m)^ARGS=\"(.*)\"$").matcher(Files.readString(defaults));
        assertTrue(args.find(), defaults + " sets ARGS");
        List<String> flags = Arrays.asList(args.group(1).split(" "));
        assertTrue(flags.containsAll(List.of(expected)), defaults + ": " + flags);
        // --version after the flags: the binary parses them all, and says which it does not know.
        ScriptRun version = ScriptRun.of(dir, Map.of(), "", cons(binary, append(flags, "--version")));
        assertEquals(0, version.exitCode(), version.output());
    }

    private static TreeSet<String> loadedGroups(PrometheusServer prometheus) {
        TreeSet<String> groups = new TreeSet<>();
        for (JsonNode group : prometheus.getJson("/api/v1/rules").path("data").path("groups")) {
            groups.add(Path.of(group.path("file").asText()).getFileName() + "/" + group.path("name").asText());
        }
        return groups;
    }

    private static ScriptRun install(List<String> arguments) throws Exception {
        return ScriptRun.of(unpacked, Map.of("JAVA", java()), "", cons("./install.sh", arguments));
    }

    /** With stand-ins for the package manager and systemd, which it calls where a real root would need them. */
    private static ScriptRun install(List<String> arguments, SystemStandIns system) throws Exception {
        return ScriptRun.of(unpacked, Map.of("JAVA", java(), "NODESCOPE_SYSTEM_COMMANDS", system.dir().toString()), "",
                cons("./install.sh", arguments));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path repositoryFile(String relative) {
        return TestPaths.repositoryFile(relative);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertEquals(1, text.split(Pattern.quote(from), -1).length - 1, "one '" + from + "' in:\n" + text);
        return text.replace(from, to);
    }

    private static List<String> cons(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static List<String> append(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
