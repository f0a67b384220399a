package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.instrumentation.site.Spans;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync stage's returned result -> count map, counted per result label. Known results are found
 * by identity first; these cases check that shortcut never puts a count under the wrong label.
 */
class ResultCountsTest {

    private static final String RULE = "[[rule]]\nname = 'stages'\nkind = 'sync_stage'\nclass.name = 'example.Stage'\n"
            + "method.name = 'process'\nvalues.stage = '$arg0'\nvalues.processed = '$return'\n";

    @TempDir
    Path dir;

    private MetricRegistry registry;
    private SiteTable table;
    private int site;

    enum Outcome {
        INSERTED, DUPLICATE;

        @Override
        public String toString() {
            return "not the label";
        }
    }

    @BeforeEach
    void bind() throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[telemetry.metrics]\n" + RULE);
        registry = new MetricRegistry("test", 100, Map.of());
        table = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), config.spanAttributes());
        site = table.register(table.bind(new MethodShape("example.Stage", "process"), config.rules()));
    }

    @Test
    void equalKeysInOtherObjectsCountUnderTheSameLabel() {
        for (int i = 0; i < 3; i++) {
            call("insert", Map.of(new String("inserted"), 2, new String("duplicate"), 1));
        }
        call("insert", Map.of("inserted", 4));
        assertEquals(10.0, processed("insert", "inserted"));
        assertEquals(3.0, processed("insert", "duplicate"));
    }

    @Test
    void enumKeysAreLabelledByName() {
        call("insert", Map.of(Outcome.INSERTED, 3, Outcome.DUPLICATE, 1));
        call("insert", Map.of(Outcome.INSERTED, 2));
        assertEquals(5.0, processed("insert", "INSERTED"));
        assertEquals(1.0, processed("insert", "DUPLICATE"));
    }

    @Test
    void aKeyWhoseTextChangesIsLabelledByItsTextAtEachCall() {
        StringBuilder key = new StringBuilder("valid");
        Map<Object, Integer> counts = new LinkedHashMap<>();
        counts.put(key, 2);
        call("validate", counts);
        key.setLength(0);
        key.append("invalid");
        call("validate", counts);
        assertEquals(2.0, processed("validate", "valid"));
        assertEquals(2.0, processed("validate", "invalid"));
    }

    @Test
    void moreResultsThanRememberedStillCountEach() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            counts.put("result-" + i, i + 1);
        }
        call("fetch", counts);
        call("fetch", counts);
        for (int i = 0; i < 7; i++) {
            assertEquals(2.0 * (i + 1), processed("fetch", "result-" + i), "result-" + i);
        }
    }

    @Test
    void eachStageKeepsItsOwnSeriesWhenTheSubjectAlternates() {
        String insert = "insert";
        String validate = "validate";
        for (int i = 0; i < 3; i++) {
            call(insert, Map.of("ok", 1));
            call(validate, Map.of("ok", 10));
            call(new String(insert), Map.of("ok", 100));
        }
        assertEquals(303.0, processed("insert", "ok"));
        assertEquals(30.0, processed("validate", "ok"));
    }

    private void call(String stage, Map<?, Integer> returned) {
        Object[] arguments = {stage};
        Object state = table.enter(site, null, arguments);
        table.exit(site, System.nanoTime(), state, null, arguments, returned, null);
    }

    private double processed(String stage, String result) {
        return MetricsText.of(registry).value("node_sync_kc_processed_total{result=\"" + result + "\",stage=\"" + stage + "\"}");
    }
}
