package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Proxied;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What docs/rules.md says of generated proxies: a JDK dynamic proxy or a ByteBuddy subclass is not
 * selected by a class or supertype rule, its call reaches the user's class, which is, and is labelled
 * by it; {@code class.proxies = true} selects them, and names them after the user's type.
 */
class ProxiedCallsTest {

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'services'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Proxied$Service'",
            "[[rule]]",
            "name = 'subclassed'",
            "kind = 'operation'",
            "class.supertype = 'io.nodescope.fixture.Proxied$SubclassedService'",
            "[[rule]]",
            "name = 'opted-in'",
            "kind = 'network'",
            "class.supertype = 'io.nodescope.fixture.Proxied$OptedInService'",
            "class.proxies = true",
            "method.name = 'serve'",
            "nested = 'each'",
            ""));

    @Test
    void aJdkProxyIsNotSelectedAndItsCallIsTheUsersClass() {
        Proxied.Service service = Proxied.behindProxy(Proxied.Service.class, new Proxied.RealService());
        assertTrue(service.getClass().getName().contains("$Proxy"), service.getClass().getName());
        assertEquals("in", service.serve("in"));
        assertEquals("in", service.serve("in"));
        assertEquals(List.of("node_command_total{command=\"RealService\",status=\"ok\"} 2.0"), counted("node_command_total{"));
        assertEquals(1.0, metric("nodescope_instrumented_methods{rule=\"services\"}"), "RealService.serve, none of the proxy's");
    }

    @Test
    void aByteBuddySubclassIsNotSelectedAndTheUsersMethodIsLabelledByTheUsersClass() throws Exception {
        Proxied.SubclassedService service = Proxied.subclassed(Proxied.SubclassedService.class);
        assertTrue(service.getClass().getName().contains("$ByteBuddy$"), service.getClass().getName());
        assertEquals("in", service.serve("in"));
        assertThrows(IllegalArgumentException.class, () -> service.serve(""));
        assertEquals(List.of(
                "node_operation_total{kind=\"SubclassedService\",status=\"error\"} 1.0",
                "node_operation_total{kind=\"SubclassedService\",status=\"ok\"} 1.0"), counted("node_operation_total{"));
        assertEquals(1.0, metric("nodescope_instrumented_methods{rule=\"subclassed\"}"), "SubclassedService.serve only");
    }

    @Test
    void aRuleThatOptsInSelectsTheProxyToo() {
        Proxied.OptedInService service = Proxied.behindProxy(Proxied.OptedInService.class, new Proxied.RealOptedInService());
        assertEquals("in", service.serve("in"));
        assertEquals(List.of(
                "node_network_requests_total{outcome=\"ok\",protocol=\"OptedInService\"} 1.0",
                "node_network_requests_total{outcome=\"ok\",protocol=\"RealOptedInService\"} 1.0"), counted("node_network_requests_total{"),
                "the proxy's call, named after the interface it implements, and the user's");
        assertEquals(2.0, metric("nodescope_instrumented_methods{rule=\"opted-in\"}"), "the proxy's serve and the user's");
    }

    private static double metric(String series) {
        return MetricsText.of(INSTALLED.registry()).value(series);
    }

    /** The exposition's lines of series that counted a call, sorted. */
    private static List<String> counted(String prefix) {
        return MetricsText.of(INSTALLED.registry()).text().lines()
                .filter(line -> line.startsWith(prefix) && !line.endsWith(" 0.0")).sorted().collect(Collectors.toList());
    }
}
