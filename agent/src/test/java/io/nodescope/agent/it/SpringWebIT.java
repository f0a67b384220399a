package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot web application as it runs in production (test-apps/spring-web): one executable
 * jar, its libraries nested in {@code BOOT-INF/lib} and loaded by Spring Boot's own class loader,
 * serving HTTP on Tomcat. Three rules written from docs/rules.md (an interface, every method; an
 * annotation, the public methods; a scheduled task by class and method name) and the {@code jdbc}
 * and {@code executors} packs: each selects what it names, across the nested jars (HikariCP's and
 * H2's statements, through their JDBC interfaces), and the calls made over real HTTP count once.
 */
class SpringWebIT {

    private static final int PLACED = 6;
    private static final String RESTOCKED = "node_task_runs_total{status=\"ok\",task=\"restock\"}";
    private static final Pattern READY = Pattern.compile("shop ready port=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void rulesSelectAcrossTheNestedJarsAndEachRequestCountsOnce() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "include = [\"nodescope:jdbc\", \"nodescope:executors\"]",
                "",
                "[telemetry.traces]",
                "enabled = false",
                "",
                "[telemetry.metrics]",
                "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                "",
                "[[rule]]",
                "name = \"orders\"",
                "kind = \"command\"",
                "class.supertype = \"com.example.shop.Orders\"",
                "",
                "[[rule]]",
                "name = \"http-api\"",
                "kind = \"command\"",
                "class.annotation = \"org.springframework.web.bind.annotation.RestController\"",
                "method.public = true",
                "values.command = \"$method\"",
                "",
                "[[rule]]",
                "name = \"restock\"",
                "kind = \"task\"",
                "class.name = \"com.example.shop.Restock\"",
                "method.name = \"run\"",
                "values.task = \"restock\"",
                ""));
        try (NodeProcess app = NodeProcess.java().agent(config).jar(TestPaths.springWebJar())
                // The task runs once as the application starts, then not for an hour: its count and the service's do not race the scrape.
                .arguments("--server.port=0", "--shop.restock-millis=3600000").start()) {
            Matcher ready = READY.matcher(app.awaitLine(line -> READY.matcher(line).find(), Patience.START));
            assertTrue(ready.find());
            URI shop = URI.create("http://127.0.0.1:" + ready.group(1) + "/orders");
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < PLACED; i++) {
                HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(shop + "/item-" + i))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, placed.statusCode(), placed.body());
            }
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(shop).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed.body());
            assertTrue(listed.body().contains("\"item-" + (PLACED - 1) + "\""), listed.body());

            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has(command("all", "ok"))
                    && m.value(command("place", "ok")) == PLACED && m.has(RESTOCKED),
                    Patience.DATA);
            assertEquals(1.0, metrics.value(command("all", "ok")), metrics.text());
            assertEquals(0.0, metrics.value(command("place", "error")), metrics.text());
            // The controller's calls of the service are nested in its own and count once, as the controller's; the
            // restocking task's are not nested in a command and count as the service's (one more while a run is under way).
            double restocked = metrics.value(RESTOCKED);
            double serviceCalls = metrics.value(command("JdbcOrders", "ok"));
            assertTrue(restocked >= 1 && (serviceCalls == restocked || serviceCalls == restocked + 1),
                    restocked + " runs of the task, " + serviceCalls + " calls of the service counted\n" + metrics.text());
            assertEquals(2.0, metrics.value(instrumented("http-api")), "place and all of OrderController");
            assertEquals(2.0, metrics.value(instrumented("orders")), "place and all of JdbcOrders, none of Spring's proxy of it");
            assertEquals(1.0, metrics.value(instrumented("restock")));
            assertTrue(metrics.value(instrumented("jdbc-prepare")) > 0, "HikariCP's and H2's connections, in BOOT-INF/lib");
            assertTrue(metrics.value(instrumented("jdbc-execute")) > 0, "HikariCP's and H2's statements, in BOOT-INF/lib");
            double inserts = metrics.value("node_repository_query_duration_seconds_count{query=\"INSERT orders\",status=\"ok\"}");
            assertTrue(inserts >= PLACED + 1, "each order's INSERT, the restocking ones too: " + inserts);
            assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));
            assertFalse(app.output().contains("[nodescope] WARNING") || app.output().contains("[nodescope] ERROR"), app.output());
        }
    }

    private static String command(String command, String status) {
        return "node_command_total{command=\"" + command + "\",status=\"" + status + "\"}";
    }

    private static String instrumented(String rule) {
        return "nodescope_instrumented_methods{rule=\"" + rule + "\"}";
    }
}
