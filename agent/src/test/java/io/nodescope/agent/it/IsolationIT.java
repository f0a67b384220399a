package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's own OpenTelemetry SDK, Prometheus client, ByteBuddy and TOML library, of other
 * versions than the agent's, work as without the agent, while the agent instruments the application
 * and exports its own metrics and spans.
 *
 * <p>The application ({@code src/test/resources/isolation-app}) is compiled here against those
 * libraries alone (the build copies them to {@code target/isolation-app-libs}) and runs with them
 * alone on its class path, so nothing of the test's class path, where the agent's libraries are
 * unrelocated, can hide a conflict.
 */
class IsolationIT {

    private static final String APP_SOURCE = "isolation-app/io/nodescope/fixture/isolation/IsolationApp.java";
    private static final String APP_CLASS = "io.nodescope.fixture.isolation.IsolationApp";
    private static final int JOBS = 5;
    private static final Pattern APP_PORT = Pattern.compile("app prometheus: port (\\d+) from (\\S+)");
    private static final Pattern APP_TRACE = Pattern.compile("app jobs: ran (\\d+) sum (\\d+) in trace ([0-9a-f]{32})");

    @TempDir
    Path dir;

    @Test
    void applicationsOwnLibrariesWorkBesideTheAgent() throws Exception {
        List<Path> libraries = isolationLibraries();
        String classPath = Stream.concat(Stream.of(compileApp(libraries)), libraries.stream())
                .map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        try (OtlpReceiver receiver = OtlpReceiver.startGrpc()) {
            int metricsPort = FreePort.pick();
            Path config = dir.resolve("nodescope.toml");
            Files.writeString(config, String.join("\n",
                    "[telemetry.traces]",
                    "enabled = true",
                    "otlp_endpoint = \"" + receiver.endpoint() + "\"",
                    "protocol = \"grpc\"",
                    "service_name = \"isolation-agent\"",
                    "",
                    "[telemetry.metrics]",
                    "enabled = true",
                    "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                    "",
                    "[[rule]]",
                    "name = \"isolation-jobs\"",
                    "kind = \"command\"",
                    "class.name = \"io.nodescope.fixture.isolation.IsolationJobs\"",
                    "method.name = \"run\"",
                    "values.command = \"isolation_job\"",
                    ""));
            try (NodeProcess app = NodeProcess.java().agent(config).mainClass(classPath, APP_CLASS)
                    .arguments(String.valueOf(JOBS), "60").start()) {
                app.awaitLine("app ready"::equals, Patience.DATA);
                String output = app.output();
                assertTrue(app.isAlive(), output);

                // The application's own libraries, of its own versions, did their work.
                assertTrue(output.contains("app otel: sdk 1.40.0 from opentelemetry-sdk-trace-1.40.0.jar, global registered"), output);
                assertTrue(output.contains("app bytebuddy: made by the application's ByteBuddy from byte-buddy-1.14.18.jar"), output);
                assertTrue(output.contains("app toml: answer 42 errors 0 from tomlj-1.1.1.jar"), output);
                Matcher jobs = APP_TRACE.matcher(output);
                assertTrue(jobs.find(), output);
                assertEquals(JOBS, Integer.parseInt(jobs.group(1)));
                assertEquals(30, Integer.parseInt(jobs.group(2)), "0² + 1² + 2² + 3² + 4²");
                String appTrace = jobs.group(3);
                assertTrue(output.contains("app span: app.batch trace " + appTrace + " sdk 1.40.0"), output);
                Matcher prometheus = APP_PORT.matcher(output);
                assertTrue(prometheus.find(), output);
                assertEquals("prometheus-metrics-exporter-httpserver-1.3.1.jar", prometheus.group(2));

                // The application's Prometheus server serves its counter, with its own span as exemplar.
                HttpResponse<String> appMetrics = Probe.get(Integer.parseInt(prometheus.group(1)), "/metrics",
                        "application/openmetrics-text; version=1.0.0; charset=utf-8");
                assertEquals(200, appMetrics.statusCode());
                assertTrue(appMetrics.body().contains("isolation_app_jobs_total{result=\"ok\"} 5.0 # {span_id=\""), appMetrics.body());
                assertTrue(appMetrics.body().contains("trace_id=\"" + appTrace + "\""), appMetrics.body());
                assertFalse(appMetrics.body().contains("node_command") || appMetrics.body().contains("nodescope_"), appMetrics.body());

                // The agent instrumented the application and serves its own metrics, apart.
                MetricsText metrics = Scrape.awaitMetrics(metricsPort,
                        m -> m.has("node_command_total{command=\"isolation_job\",status=\"ok\"}"), Patience.DATA);
                assertEquals(JOBS, metrics.value("node_command_total{command=\"isolation_job\",status=\"ok\"}"), metrics.text());
                assertEquals(JOBS, metrics.value("node_command_duration_seconds_count{command=\"isolation_job\",status=\"ok\"}"));
                assertEquals(1.0, metrics.value("nodescope_instrumented_methods{rule=\"isolation-jobs\"}"));
                assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));
                assertFalse(metrics.text().contains("isolation_app_jobs"), metrics.text());

                // The agent's spans reach its receiver; the application's span does not.
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> all.stream()
                        .filter(span -> span.name().equals("command.isolation_job")).count() == JOBS, Patience.DATA);
                for (ReceivedSpan span : spans) {
                    assertEquals("isolation-agent", span.resourceAttributes().get("service.name"), span.toString());
                    assertFalse(span.name().startsWith("app."), span.toString());
                }
                assertTrue(spans.stream().filter(span -> span.name().equals("command.isolation_job"))
                        .allMatch(span -> "isolation_job".equals(span.attributes().get("command")) && "ok".equals(span.attributes().get("status"))),
                        spans.toString());
                assertFalse(app.output().contains("[nodescope] ERROR") || app.output().contains("[nodescope] WARNING"), app.output());
            }
        }
    }

    /** The jars the build copied for the application. */
    private static List<Path> isolationLibraries() throws IOException {
        Path libs = Path.of("target/isolation-app-libs").toAbsolutePath();
        assertTrue(Files.isDirectory(libs), libs + " is missing; 'mvn verify' copies the application's libraries there");
        try (Stream<Path> jars = Files.list(libs)) {
            List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(found.stream().anyMatch(jar -> jar.getFileName().toString().equals("opentelemetry-sdk-trace-1.40.0.jar")), found.toString());
            return found;
        }
    }

    /** Compiles the application against its libraries alone; returns the classes directory. */
    private Path compileApp(List<Path> libraries) throws IOException {
        Path sources = dir.resolve("src");
        Path source = sources.resolve(APP_SOURCE);
        Files.createDirectories(source.getParent());
        try (InputStream in = IsolationIT.class.getClassLoader().getResourceAsStream(APP_SOURCE)) {
            assertNotNull(in, "test resource " + APP_SOURCE);
            Files.copy(in, source);
        }
        Path classes = Files.createDirectories(dir.resolve("app-classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "the tests run on a JDK with javac");
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int result = compiler.run(null, messages, messages, "-proc:none", "-implicit:none",
                "-classpath", libraries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "-d", classes.toString(), source.toString());
        assertEquals(0, result, "the application compiles:\n" + messages.toString(StandardCharsets.UTF_8));
        return classes;
    }
}
