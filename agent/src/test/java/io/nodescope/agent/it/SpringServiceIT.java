package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Spring Boot application (test-apps/spring-service) whose {@code @Transactional} service sits behind
 * an interface, with a rule written as docs/rules.md says, on the interface, every method: Spring's
 * proxy, CGLIB by default or a JDK proxy, is not selected; each service call counts once, under the
 * user's class, its failures once, and only the user's methods are instrumented.
 */
class SpringServiceIT {

    private static final int PLACED = 25;
    private static final int REJECTED = 4;
    private static final Pattern DONE = Pattern.compile("orders placed=(\\d+) failed=(\\d+) rows=(\\d+) service=(\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} proxies")
    @CsvSource({"CGLIB, true, $$SpringCGLIB$$", "JDK, false, $Proxy"})
    void eachServiceCallCountsOnceUnderTheUsersClass(String proxies, boolean proxyTargetClass, String proxyName) throws Exception {
        int metricsPort = FreePort.pick();
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "[telemetry.traces]",
                "enabled = false",
                "",
                "[telemetry.metrics]",
                "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                "",
                "[[rule]]",
                "name = \"orders\"",
                "kind = \"command\"",
                "class.supertype = \"com.example.orders.OrderService\"",
                ""));
        try (NodeProcess app = NodeProcess.java().agent(config)
                .jvmArguments("-Dspring.aop.proxy-target-class=" + proxyTargetClass)
                .mainClass(TestPaths.springServiceClassPath(), "com.example.orders.OrdersApplication")
                .arguments(String.valueOf(PLACED), String.valueOf(REJECTED), "120").start()) {
            Matcher done = DONE.matcher(app.awaitLine(line -> DONE.matcher(line).find(), Patience.START));
            done.find();
            assertEquals(REJECTED, Integer.parseInt(done.group(2)), "every rejected order threw:\n" + app.output());
            assertEquals(PLACED, Integer.parseInt(done.group(3)), "the rejected orders rolled back:\n" + app.output());
            assertTrue(done.group(4).contains(proxyName), "Spring called the service through a " + proxies + " proxy: " + done.group(4));

            MetricsText metrics = Scrape.awaitMetrics(metricsPort,
                    m -> m.has("node_command_total{command=\"OrderServiceImpl\",status=\"ok\"}"), Patience.DATA);
            List<String> counted = metrics.text().lines()
                    .filter(line -> line.startsWith("node_command_total{") && !line.endsWith(" 0.0")).sorted()
                    .collect(Collectors.toList());
            assertEquals(List.of(
                    "node_command_total{command=\"OrderServiceImpl\",status=\"error\"} " + (double) REJECTED,
                    "node_command_total{command=\"OrderServiceImpl\",status=\"ok\"} " + (double) PLACED), counted, metrics.text());
            assertEquals(2.0, metrics.value("nodescope_instrumented_methods{rule=\"orders\"}"),
                    "place and placeRejected of OrderServiceImpl, none of the proxy's");
            assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));
        }
    }
}
