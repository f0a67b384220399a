package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Proxied;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What docs/rules.md says of generated proxies: a {@code class.supertype} rule selects a JDK dynamic
 * proxy of the interface too, so the outermost call, the proxy's, is the one recorded and labelled
 * from the generated name; {@code exclude.classes = ["jdk.proxy*.**"]} leaves the user's class to be recorded.
 */
class ProxiedCallsTest {

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'services'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Proxied$Service'",
            "values.command = '$class'",
            "[[rule]]",
            "name = 'excluded'",
            "kind = 'operation'",
            "class.supertype = 'io.nodescope.fixture.Proxied$ExcludedService'",
            "exclude.classes = ['jdk.proxy*.**', '**$$*']",
            "values.kind = '$class'",
            ""));

    @Test
    void aProxyIsSelectedAndItsCallIsTheOneRecorded() {
        Proxied.Service service = Proxied.behindProxy(Proxied.Service.class, new Proxied.RealService());
        assertEquals("in", service.serve("in"));
        List<String> counted = counted("node_command_total{command=\"");
        assertEquals(1, counted.size(), counted.toString());
        assertEquals(true, counted.get(0).matches("node_command_total\\{command=\"Proxy\\d+\",status=\"ok\"} 1\\.0"), counted.toString());
    }

    @Test
    void excludedProxiesLeaveTheUsersClassRecorded() {
        Proxied.ExcludedService service = Proxied.behindProxy(Proxied.ExcludedService.class, new Proxied.RealExcludedService());
        assertEquals("in", service.serve("in"));
        assertEquals(List.of("node_operation_total{kind=\"RealExcludedService\",status=\"ok\"} 1.0"),
                counted("node_operation_total{kind=\""));
    }

    /** The exposition's lines of series that counted a call. */
    private static List<String> counted(String prefix) {
        return MetricsText.of(INSTALLED.registry()).text().lines()
                .filter(line -> line.startsWith(prefix) && !line.endsWith(" 0.0")).collect(Collectors.toList());
    }
}
