package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTextTest {

    @Test
    void findsEachSelectorWithItsMatchersFunctionAndRange() {
        List<PromQlText.Selector> selectors = PromQlText.selectors(
                "sum(rate(node_x_total{a=\"}\",b=~\"$b\"} [1m])) / max by (i) (jvm_y_bytes) or time() - max(node_z{c=\"d\"} > 0)");
        assertEquals(List.of(
                new PromQlText.Selector("node_x_total", "{a=\"}\",b=~\"$b\"}", "rate", "[1m]"),
                new PromQlText.Selector("jvm_y_bytes", null, "", null),
                new PromQlText.Selector("node_z", "{c=\"d\"}", "max", null)), selectors);
        assertTrue(selectors.get(0).counter() && selectors.get(0).inRateOrIncrease());
        assertFalse(selectors.get(1).counter() || selectors.get(1).inRateOrIncrease());
    }

    @Test
    void onlyNodeAgentAndRuntimeMetricsAreSelectors() {
        assertEquals(List.of(), PromQlText.selectors("up{job=~\"node_exporter\"} + sum by (le) (x_bucket)"));
        assertEquals("increase", PromQlText.selectors("sum by (le) (increase(process_cpu_seconds_total[$__rate_interval]))").get(0).function());
    }
}
