package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Handlers;
import io.nodescope.fixture.InstrumentedCalls;
import io.nodescope.fixture.PipelineStage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClassRewriterTest {

    private static final String RULES = String.join("\n",
            "[[rule]]",
            "name = 'calls'",
            "kind = 'command'",
            "class.name = 'io.nodescope.fixture.InstrumentedCalls'",
            "method.name = 'execute'",
            "values.command = '$arg0.type'",
            "values.blockchain = '$arg0.chain'",
            "[[rule]]",
            "name = 'counts'",
            "kind = 'task'",
            "class.name = 'io.nodescope.fixture.Instrumented*'",
            "method.name = 'count'",
            "method.parameters = ['int', 'long']",
            "[[rule]]",
            "name = 'ticks'",
            "kind = 'command'",
            "class.name = 'io.nodescope.fixture.InstrumentedCalls'",
            "method.name = 'tick'",
            "values.command = 'tick'",
            "[[rule]]",
            "name = 'beat'",
            "kind = 'sync_heartbeat'",
            "class.name = 'io.nodescope.fixture.InstrumentedCalls'",
            "method.static = true",
            "[[rule]]",
            "name = 'loaded-before'",
            "kind = 'command'",
            "class.supertype = 'io.nodescope.fixture.Handlers$Handler'",
            "class.name = '**Legacy*'",
            "method.name = 'handle'",
            "values.command = 'legacy'",
            "[[rule]]",
            "name = 'stage'",
            "kind = 'sync_stage'",
            "class.name = 'io.nodescope.fixture.PipelineStage'",
            "method.name = 'insert'",
            "values.stage = 'insert'",
            "values.processed = '$return.count()'",
            "values.result = '$return.result()'",
            "values.queue_depth = '$this.queue'",
            "values.blockchain = '$arg0.size'",
            "[[rule]]",
            "name = 'validation'",
            "kind = 'sync_stage'",
            "class.name = 'io.nodescope.fixture.PipelineStage'",
            "method.name = 'validate'",
            "values.stage = 'validate'",
            "values.processed = '$return.counts()'",
            "[[rule]]",
            "name = 'scheduling'",
            "kind = 'task'",
            "class.name = 'io.nodescope.fixture.PipelineStage'",
            "method.name = 'schedule'",
            "values.task = 'sync'",
            "values.next_delay = '$this.nextDelay()'",
            "[[rule]]",
            "name = 'peers'",
            "kind = 'network'",
            "class.name = 'io.nodescope.fixture.PipelineStage'",
            "method.name = 'fetch'",
            "values.protocol = 'http'",
            "values.peer_id = '$arg0'",
            "[[rule]]",
            "name = 'unbounded-queries'",
            "kind = 'repository'",
            "class.name = 'io.nodescope.fixture.InstrumentedCalls'",
            "method.name = 'query'",
            "values.query = '$arg0'");

    static {
        new Handlers.LegacyHandler().handle("loaded before the rules are installed");
    }

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules("[telemetry.metrics]\n" + RULES);

    @Test
    void commandsAreCountedAndTimedBySubjectAndStatus() throws Exception {
        InstrumentedCalls calls = new InstrumentedCalls();
        assertEquals("done:PUBLISH", calls.execute(new InstrumentedCalls.Request(InstrumentedCalls.Type.PUBLISH, "otp:2043")));
        calls.execute(new InstrumentedCalls.Request(InstrumentedCalls.Type.PUBLISH, "otp:2043"));
        IllegalStateException thrown = new IllegalStateException();
        try {
            calls.execute(new InstrumentedCalls.Request(InstrumentedCalls.Type.GET, null));
        } catch (IllegalStateException e) {
            thrown = e;
        }
        assertEquals("no chain", thrown.getMessage(), "the node's exception reaches the caller unchanged");
        MetricsText text = MetricsText.of(INSTALLED.registry());
        assertEquals(2.0, text.value("node_command_total{command=\"PUBLISH\",status=\"ok\"}"));
        assertEquals(1.0, text.value("node_command_total{command=\"GET\",status=\"error\"}"));
        assertEquals(2.0, text.value("node_command_duration_seconds_count{command=\"PUBLISH\",status=\"ok\"}"));
        double sum = text.value("node_command_duration_seconds_sum{command=\"PUBLISH\",status=\"ok\"}");
        assertTrue(sum >= 0.010 && sum < 5, "two calls of at least 5 ms each, measured " + sum + " s");
        assertEquals(0.0, text.value("nodescope_advice_errors_total"));
        assertEquals(1.0, text.value("nodescope_instrumented_methods{rule=\"calls\"}"));
    }

    @Test
    void aClassLoadedBeforeTheRulesAreInstalledIsRetransformed() {
        new Handlers.LegacyHandler().handle("after");
        assertEquals(1.0, MetricsText.of(INSTALLED.registry()).value("node_command_total{command=\"legacy\",status=\"ok\"}"));
    }

    @Test
    void aSyncStageCountsWhatItReturnsAndReadsItsLiveQueue() {
        PipelineStage stage = new PipelineStage();
        for (int i = 0; i < 5; i++) {
            stage.enqueue("kc" + i);
        }
        stage.insert(List.of("a", "b", "c"));
        stage.insert(List.of("known"));
        assertThrows(IllegalStateException.class, () -> stage.insert(List.of("bad")));
        MetricsText text = MetricsText.of(INSTALLED.registry());
        assertEquals(3.0, text.value("node_sync_kc_processed_total{result=\"inserted\",stage=\"insert\"}"));
        assertEquals(1.0, text.value("node_sync_kc_processed_total{result=\"duplicate\",stage=\"insert\"}"));
        assertEquals(0.0, text.value("node_sync_queue_depth{stage=\"insert\"}"), "5 queued, 3 + 1 + 1 taken");
        assertEquals(2.0, text.value("node_sync_stage_duration_seconds_count{stage=\"insert\",status=\"ok\"}"));
        assertEquals(1.0, text.value("node_sync_stage_duration_seconds_count{stage=\"insert\",status=\"error\"}"));
        stage.enqueue("late");
        stage.enqueue("later");
        assertEquals(2.0, MetricsText.of(INSTALLED.registry()).value("node_sync_queue_depth{stage=\"insert\"}"), "read live at the scrape");
        stage.insert(List.of());
        assertEquals(3.0, MetricsText.of(INSTALLED.registry()).value("node_sync_stage_duration_seconds_count{stage=\"insert\",status=\"ok\"}"),
                "an empty batch is timed");
        assertEquals(3.0, MetricsText.of(INSTALLED.registry()).value("node_sync_kc_processed_total{result=\"inserted\",stage=\"insert\"}"),
                "and adds nothing processed");
    }

    @Test
    void aMapOfResultsCountsEachResult() {
        new PipelineStage().validate(List.of("a", "b", "c", "d"));
        MetricsText text = MetricsText.of(INSTALLED.registry());
        assertEquals(4.0, text.value("node_sync_kc_processed_total{result=\"valid\",stage=\"validate\"}"));
        assertEquals(1.0, text.value("node_sync_kc_processed_total{result=\"invalid\",stage=\"validate\"}"));
    }

    @Test
    void aTaskReportsItsNextDelayInSeconds() {
        new PipelineStage().schedule();
        assertEquals(2.5, MetricsText.of(INSTALLED.registry()).value("node_task_next_delay_seconds{task=\"sync\"}"));
    }

    @Test
    void networkCallsAreLabelledByProtocolAndOutcome() {
        PipelineStage stage = new PipelineStage();
        stage.fetch("peer-1");
        assertThrows(IllegalArgumentException.class, () -> stage.fetch(""));
        MetricsText text = MetricsText.of(INSTALLED.registry());
        assertEquals(1.0, text.value("node_network_requests_total{outcome=\"ok\",protocol=\"http\"}"));
        assertEquals(1.0, text.value("node_network_requests_total{outcome=\"error\",protocol=\"http\"}"));
        assertEquals(2.0, text.value("node_network_request_duration_seconds_count{outcome=\"ok\",protocol=\"http\"}")
                + text.value("node_network_request_duration_seconds_count{outcome=\"error\",protocol=\"http\"}"));
    }

    @Test
    void aLabelPastItsSeriesLimitGoesToTheOverflowSeriesAndMemoryStaysFlat() {
        InstrumentedCalls calls = new InstrumentedCalls();
        for (int i = 0; i < 1500; i++) {
            calls.query("select " + i);
        }
        MetricsText text = MetricsText.of(INSTALLED.registry());
        String histogram = "node_repository_query_duration_seconds";
        // Each query value holds an ok and an error series, so the first 500 values fill the limit of 1000.
        assertEquals(1001, text.text().lines().filter(line -> line.startsWith(histogram + "_count{")).count(),
                "the limit's 1000 series and the overflow series");
        assertEquals(1000.0, text.value(histogram + "_count{query=\"__overflow__\",status=\"__overflow__\"}"));
        assertEquals(1000.0, text.value("nodescope_series_overflow_total{metric=\"" + histogram + "\"}"));
        long before = heapAfterGc();
        for (int i = 0; i < 200_000; i++) {
            calls.query("select " + i + " from elsewhere");
        }
        long grown = heapAfterGc() - before;
        assertEquals(201_000.0, MetricsText.of(INSTALLED.registry()).value("nodescope_series_overflow_total{metric=\"" + histogram + "\"}"));
        assertTrue(grown < 8 << 20, "200,000 more label values grew the heap by " + grown + " bytes");
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aSubjectThatReadsAsNullIsLabelledUnknown() throws Exception {
        assertEquals("done:null", new InstrumentedCalls().execute(new InstrumentedCalls.Request(null, "otp:2043")));
        assertEquals(1.0, MetricsText.of(INSTALLED.registry()).value("node_command_total{command=\"unknown\",status=\"ok\"}"));
    }

    @Test
    void primitiveParametersSelectTheMethodAndItsResultIsUnchanged() {
        assertEquals(7, new InstrumentedCalls().count(3, 4L));
        MetricsText text = MetricsText.of(INSTALLED.registry());
        assertTrue(text.value("node_task_runs_total{status=\"ok\",task=\"InstrumentedCalls\"}") >= 1.0);
    }

    @Test
    void theMetricsOnlyPathAllocatesNothingPerCall() {
        InstrumentedCalls calls = new InstrumentedCalls();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += calls.tick(i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += calls.tick(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum > 0);
        assertEquals(120_000.0, MetricsText.of(INSTALLED.registry()).value("node_command_total{command=\"tick\",status=\"ok\"}"));
        assertTrue(allocated < 100_000, "100000 calls allocated " + allocated + " bytes");
    }

    @Test
    void heartbeatMovesOnlyOnNormalReturn() {
        InstrumentedCalls.heartbeat(false);
        double first = MetricsText.of(INSTALLED.registry()).value("node_sync_last_success_unix");
        assertTrue(Math.abs(first - System.currentTimeMillis() / 1000.0) < 60, "heartbeat is now, was " + first);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstrumentedCalls.heartbeat(true));
        assertEquals("stalled", e.getMessage());
        assertSame(IllegalArgumentException.class, e.getClass());
    }
}
