package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC pack on a real driver (H2), used directly and through a real pool (HikariCP, whose
 * statements wrap the driver's twice): each statement the application runs is one call, labelled by
 * its summary, a failing one in its own series; its span carries the statement without literals
 * and its summary, which a config can drop; and the methods instrumented are those {@code match}
 * lists for the same class path, none of the JDK interfaces' own.
 */
class JdbcPackIT {

    private static final int INSERTS = 40;
    private static final int SELECTS = 25;
    private static final int FAILURES = 3;
    private static final String COUNT = "node_repository_query_duration_seconds_count";
    private static final Pattern RULE = Pattern.compile("^(\\S+) \\((\\w+), .*\\): (\\d+) methods?$");
    private static final Pattern DONE = Pattern.compile("ledger done failed=(\\d+) statement=(\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "hikari"})
    void eachStatementCountsOnceUnderItsSummaryWithItsTextOnTheSpan(String connections) throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startHttp()) {
            int metricsPort = FreePort.pick();
            Path config = config(metricsPort, receiver, "");
            Map<String, List<String>> matched = match(config);
            List<String> all = matched.values().stream().flatMap(List::stream).collect(Collectors.toList());
            assertTrue(all.stream().noneMatch(method -> method.startsWith("java.")), "no JDK interface's default method: " + all);
            assertTrue(all.contains("com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate()"), all.toString());

            try (NodeProcess app = startLedger(config, connections, classesOf(all))) {
                Matcher done = DONE.matcher(app.awaitLine(line -> DONE.matcher(line).find(), Patience.DATA));
                assertTrue(done.find());
                assertEquals(2 * FAILURES, Integer.parseInt(done.group(1)), app.output());
                assertEquals(connections.equals("hikari"), done.group(2).startsWith("com.zaxxer.hikari."), done.group(2));

                MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has(series("CALL abs", "ok")), Patience.DATA);
                Map<String, Double> expected = new LinkedHashMap<>();
                expected.put(series("CREATE TABLE accounts", "ok"), 1.0);
                expected.put(series("CREATE TABLE operations", "ok"), 1.0);
                expected.put(series("INSERT accounts", "ok"), 1.0);
                expected.put(series("executeBatch", "ok"), 1.0);  // a plain statement's batch: no one SQL text, so the method
                expected.put(series("INSERT operations", "ok"), (double) INSERTS);
                expected.put(series("INSERT operations", "error"), (double) FAILURES);
                expected.put(series("SELECT accounts", "ok"), (double) SELECTS);
                expected.put(series("SELECT missing_table", "error"), (double) FAILURES);
                expected.put(series("CALL abs", "ok"), 1.0);
                assertEquals(expected, recorded(metrics), metrics.text());

                for (Map.Entry<String, List<String>> rule : matched.entrySet()) {
                    assertEquals(rule.getValue().size(), metrics.value("nodescope_instrumented_methods{rule=\"" + rule.getKey() + "\"}"),
                            "the methods match lists for " + rule.getKey() + " are those instrumented: " + rule.getValue());
                }
                assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));

                List<ReceivedSpan> spans = receiver.awaitSpans(received -> named(received, "repository.CALL abs").size() == 1,
                        Patience.DATA);
                List<ReceivedSpan> inserts = named(spans, "repository.INSERT operations");
                assertEquals(INSERTS + FAILURES, inserts.size(), "one span per statement, not one per wrapper");
                ReceivedSpan insert = inserts.get(0);
                assertEquals("INSERT INTO operations (id, account, amount) VALUES (?, ?, ?)", insert.attributes().get("db.query.text"));
                assertEquals("INSERT operations", insert.attributes().get("db.query.summary"));
                assertEquals("CLIENT", insert.kind());
                ReceivedSpan missing = named(spans, "repository.SELECT missing_table").get(0);
                assertEquals("SELECT * FROM missing_table WHERE id = ?", missing.attributes().get("db.query.text"));
                assertEquals("error", missing.attributes().get("status"));
                assertEquals(SELECTS, named(spans, "repository.SELECT accounts").size());
            }
        }
    }

    @Test
    void theStatementTextAndSummaryStayOffTheSpansWhenTheConfigDropsThem() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startHttp()) {
            Path config = config(FreePort.pick(), receiver, "drop_attributes = [\"db.query.text\", \"db.query.summary\"]");
            try (NodeProcess app = startLedger(config, "hikari", List.of())) {
                app.awaitLine(line -> DONE.matcher(line).find(), Patience.DATA);
                List<ReceivedSpan> spans = receiver.awaitSpans(received -> named(received, "repository.CALL abs").size() == 1,
                        Patience.DATA);
                List<ReceivedSpan> selects = named(spans, "repository.SELECT accounts");
                assertEquals(SELECTS, selects.size());
                for (ReceivedSpan span : spans) {
                    assertFalse(span.attributes().containsKey("db.query.text"), span.toString());
                    assertFalse(span.attributes().containsKey("db.query.summary"), span.toString());
                }
                assertEquals("SELECT accounts", selects.get(0).attributes().get("query"));
            }
        }
    }

    private Path config(int metricsPort, OtlpReceiver receiver, String tracesExtra) throws Exception {
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "include = [\"nodescope:jdbc\"]",
                "",
                "[telemetry.traces]",
                "enabled = true",
                "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                "protocol = \"http/protobuf\"",
                tracesExtra,
                "",
                "[telemetry.metrics]",
                "enabled = true",
                "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                ""));
        return config;
    }

    /** {@code java -jar agent.jar match} on the driver's and the pool's jars: per rule, the methods it lists. */
    private static Map<String, List<String>> match(Path config) throws Exception {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        try (NodeProcess match = NodeProcess.java().jar(TestPaths.agentJar())
                .arguments("match", "--config", config.toString(), "--classpath", String.join(java.io.File.pathSeparator, libraries()))
                .start()) {
            assertEquals(0, match.awaitExit(Patience.START), match.output());
            List<String> current = null;
            for (String line : match.outputLines()) {
                Matcher rule = RULE.matcher(line);
                if (rule.find()) {
                    current = new ArrayList<>();
                    methods.put(rule.group(1), current);
                } else if (current != null && line.startsWith("  ") && !line.startsWith("  warning:")) {
                    current.add(line.trim());
                }
            }
            assertEquals(Set.of("jdbc-prepare", "jdbc-execute", "jdbc-execute-sql", "jdbc-execute-sql-keys"), methods.keySet(), match.output());
        }
        return methods;
    }

    private NodeProcess startLedger(Path config, String connections, List<String> classesToLoad) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(connections, String.valueOf(INSERTS), String.valueOf(SELECTS),
                String.valueOf(FAILURES), "60"));
        arguments.addAll(classesToLoad);
        List<String> classPath = new ArrayList<>(List.of(location(LedgerApp.class)));
        classPath.addAll(libraries());
        return NodeProcess.java().agent(config).mainClass(String.join(java.io.File.pathSeparator, classPath), LedgerApp.class.getName())
                .arguments(arguments.toArray(new String[0])).start();
    }

    /** H2, HikariCP and the logging API HikariCP needs, from this test's own class path. */
    private static List<String> libraries() throws Exception {
        return List.of(location(org.h2.Driver.class), location(HikariDataSource.class), location(org.slf4j.Logger.class));
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The classes of {@code com.example.Type.method(params)} lines. */
    private static List<String> classesOf(List<String> methods) {
        Set<String> classes = new LinkedHashSet<>();
        for (String method : methods) {
            String name = method.substring(0, method.indexOf('('));
            classes.add(name.substring(0, name.lastIndexOf('.')));
        }
        return new ArrayList<>(classes);
    }

    private static String series(String query, String status) {
        return COUNT + "{query=\"" + query + "\",status=\"" + status + "\"}";
    }

    /** The query series that recorded calls. */
    private static Map<String, Double> recorded(MetricsText metrics) {
        return metrics.samples(COUNT).entrySet().stream().filter(sample -> sample.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).collect(Collectors.toList());
    }
}
