package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./demo.sh --traces} runs the node with the agent for a short while and exits 0 after printing its summary,
 * links to its Prometheus' graphs of the overview dashboard's panels (each expression returning data from that
 * Prometheus while the demo runs) and alerts page, and one command's trace as a tree. Needs Debian's prometheus,
 * which CI installs.
 */
class DemoIT {

    /** {@code   Command p95 latency by command: http://127.0.0.1:PORT/graph?g0.expr=...&g0.tab=0&g0.range_input=15m} */
    private static final Pattern GRAPH_LINK = Pattern.compile("^  ([^:]+): (http://127\\.0\\.0\\.1:\\d+/graph\\?\\S+)$",
            Pattern.MULTILINE);
    /** Debian's Prometheus serves the classic UI only, where the alerts page is {@code /classic/alerts}. */
    private static final Pattern ALERTS_LINK = Pattern.compile("^  Alerts: (http://127\\.0\\.0\\.1:(\\d+)/(?:classic/)?alerts)$",
            Pattern.MULTILINE);
    /** Pages as a browser opens them: Debian's Prometheus redirects {@code /graph} to {@code /classic/graph}. */
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final Pattern EXPRESSION = Pattern.compile("(?:^|&)g\\d+\\.expr=([^&]*)");
    private static final String SPAN = "\\S+  \\d+\\.\\d ms  (ok|error.*)";
    private static final Pattern TREE_ROOT = Pattern.compile("^trace [0-9a-f]{32}  command\\." + SPAN + "$");
    private static final Pattern TREE_CHILD = Pattern.compile("^((?:  )+)" + SPAN + "$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aShortDemoLinksGraphsThatShowDataPrintsATraceTreeAndExitsZero() throws Exception {
        int port = FreePort.pick();
        int metricsPort = FreePort.pick();
        int prometheusPort = FreePort.pick();
        Path output = dir.resolve("demo.out");
        // Long enough that a busy machine's node still reaches a sync and Prometheus scrapes it while the demo runs.
        Process demo = new ProcessBuilder("bash", TestPaths.repositoryFile("demo.sh").toString(), "--seconds", "40",
                "--port", String.valueOf(port), "--metrics-port", String.valueOf(metricsPort),
                "--prometheus-port", String.valueOf(prometheusPort), "--traces")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String links = awaitPrinted(demo, output, printed -> ALERTS_LINK.matcher(printed).find());
            Matcher alerts = ALERTS_LINK.matcher(links);
            assertTrue(alerts.find() && alerts.group(2).equals(String.valueOf(prometheusPort)), links);
            assertEquals(200, pageStatus(alerts.group(1)), "the alerts page " + alerts.group(1));
            List<String> titles = new ArrayList<>();
            Matcher link = GRAPH_LINK.matcher(links);
            while (link.find()) {
                titles.add(link.group(1));
                URI graph = URI.create(link.group(2));
                assertEquals(prometheusPort, graph.getPort(), link.group());
                assertEquals(200, pageStatus(link.group(2)), "the graph page " + link.group(2));
                for (String expression : expressions(graph)) {
                    awaitData(demo, prometheusPort, expression);
                }
            }
            assertTrue(titles.contains("Command p95 latency by command"), "a graph link per headline panel: " + links);

            assertTrue(demo.waitFor(Patience.DATA.toSeconds(), TimeUnit.SECONDS), "the demo ends after its run");
            String printed = printed(output);
            assertEquals(0, demo.exitValue(), printed);
            assertTrue(printed.contains("Metrics: http://127.0.0.1:" + metricsPort + "/metrics"), printed);
            assertTrue(printed.matches("(?s).*commands \\d+ \\([0-9.]+/s, [0-9.]+% errors\\).*"), "a summary line: " + printed);
            assertTraceTree(printed);
            assertTrue(printed.contains("The node stopped (exit status 0)."), printed);
            assertFalse(Probe.accepts(prometheusPort), "Prometheus stopped with the demo");
        } finally {
            stop(demo);
        }
    }

    @Test
    void helpListsTheOptionsAndSpansGoOneWayOnly() throws Exception {
        Path demoScript = TestPaths.repositoryFile("demo.sh");
        Process help = new ProcessBuilder("bash", demoScript.toString(), "--help").redirectErrorStream(true).start();
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, help.waitFor(), usage);
        for (String option : List.of("--seconds", "--port", "--metrics-port", "--prometheus-port", "--traces", "--otlp")) {
            assertTrue(usage.contains("  " + option + " "), option + " in " + usage);
        }

        Process both = new ProcessBuilder("bash", demoScript.toString(), "--otlp", "http://127.0.0.1:4317", "--traces")
                .redirectErrorStream(true).start();
        String refused = new String(both.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, both.waitFor(), refused);
        assertTrue(refused.contains("--otlp and --traces"), refused);
    }

    /** SIGTERM first, so that the demo's cleanup stops the node and Prometheus it started (a SIGKILL would leave them). */
    private static void stop(Process demo) throws InterruptedException {
        demo.destroy();
        if (!demo.waitFor(Patience.START.toSeconds(), TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
    }

    /** The root line names a {@code command.*} span; the lines under it are its descendants, one level deeper at most per line. */
    private static void assertTraceTree(String printed) {
        List<String> lines = printed.lines().toList();
        int root = 0;
        while (root < lines.size() && !TREE_ROOT.matcher(lines.get(root)).matches()) {
            root++;
        }
        assertTrue(root < lines.size(), "a trace tree rooted in a command span: " + printed);
        int depth = 0;
        int children = 0;
        for (String line : lines.subList(root + 1, lines.size())) {
            Matcher child = TREE_CHILD.matcher(line);
            if (!child.matches()) {
                break;
            }
            int childDepth = child.group(1).length() / 2;
            assertTrue(childDepth <= depth + 1, "indented under its parent: " + line + "\n" + printed);
            depth = childDepth;
            children++;
        }
        assertTrue(children > 0, "the command span's children, indented: " + printed);
    }

    private static List<String> expressions(URI graphLink) {
        List<String> expressions = new ArrayList<>();
        Matcher expression = EXPRESSION.matcher(graphLink.getRawQuery());
        while (expression.find()) {
            expressions.add(URLDecoder.decode(expression.group(1), StandardCharsets.UTF_8));
        }
        assertFalse(expressions.isEmpty(), "an expression in " + graphLink);
        return expressions;
    }

    /** What the demo printed, once {@code condition} holds for it. */
    private static String awaitPrinted(Process demo, Path output, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Patience.START.toNanos();
        String printed = "";
        while (System.nanoTime() < deadline && demo.isAlive()) {
            printed = printed(output);
            if (condition.test(printed)) {
                return printed;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not print what was expected (running: " + demo.isAlive() + "):\n"
                + printed(output));
    }

    private static int pageStatus(String url) throws IOException, InterruptedException {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the demo printed so far; a character still being written decodes as a replacement. */
    private static String printed(Path output) throws IOException {
        return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    }

    /** Polls the demo's Prometheus with {@code expression} until it returns a sample, while the demo runs. */
    private static void awaitData(Process demo, int prometheusPort, String expression) throws Exception {
        long deadline = System.nanoTime() + Patience.DATA.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline && demo.isAlive()) {
            try {
                last = Probe.get(prometheusPort, "/api/v1/query?query="
                        + URLEncoder.encode(expression, StandardCharsets.UTF_8), null).body();
                JsonNode result = JSON.readTree(last).path("data").path("result");
                if (result.size() > 0) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no data from the demo's Prometheus for " + expression + " (demo running: "
                + demo.isAlive() + "); last answer: " + last);
    }
}
