package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.instrumentation.Catalog;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A histogram read while threads observe into it, and the exemplars of sampled calls. The first
 * test hunts a race: a histogram whose scrape did not check its stripes' sequence numbers failed it
 * in one run of two, so it can miss a break in one run but not for long.
 */
class HistogramPointTest {

    private static final int THREADS = 4;
    private static final int OBSERVATIONS = 2_000_000;

    @Test
    void everyScrapeSeesBucketsCountAndSumAgreeWhileThreadsObserve() throws Exception {
        HistogramPoint point = new MetricRegistry("t", 10, Map.of("node_command_duration_seconds", new double[] {1, 2}))
                .histogram(Catalog.COMMAND_DURATION).series("publish", "ok");
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> observers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            // Each observation is 1 in the first bucket or 2 in the second: the sum is the first count plus twice the second.
            double value = t % 2 == 0 ? 1 : 2;
            Thread observer = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < OBSERVATIONS; i++) {
                    point.observe(value);
                }
            });
            observer.start();
            observers.add(observer);
        }
        Thread ending = new Thread(() -> {
            observers.forEach(HistogramPointTest::joinQuietly);
            done.set(true);
        });
        ending.start();
        start.countDown();
        int scrapes = 0;
        do {
            HistogramPoint.Snapshot read = point.snapshot();
            long ones = read.bucketCounts[0];
            long twos = read.bucketCounts[1];
            assertEquals(0, read.bucketCounts[2], "nothing above 2");
            assertEquals(ones + 2.0 * twos, read.sum, "scrape " + scrapes + ": buckets " + ones + " and " + twos + ", sum " + read.sum);
            scrapes++;
        } while (!done.get());
        HistogramPoint.Snapshot last = point.snapshot();
        assertEquals((long) THREADS / 2 * OBSERVATIONS, last.bucketCounts[0]);
        assertEquals((long) THREADS / 2 * OBSERVATIONS, last.bucketCounts[1]);
        assertTrue(scrapes > 1, "scraped while observing: " + scrapes);
    }

    @Test
    void aSampledCallBecomesItsBucketsExemplarInTheOpenMetricsExposition() throws Exception {
        MetricRegistry registry = new MetricRegistry("t", 10, Map.of("node_command_duration_seconds", new double[] {0.1, 1}));
        HistogramPoint point = registry.histogram(Catalog.COMMAND_DURATION).series("publish", "ok");
        point.observe(0.05);
        point.observe(0.5, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        HistogramPoint.Snapshot read = point.snapshot();
        assertNull(read.exemplars[0], "a call without a sampled span leaves no exemplar");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", read.exemplars[1].traceId);

        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new RegistryCollector(registry));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OpenMetricsTextFormatWriter(false, true).write(out, prometheus.scrape());
        String exposition = out.toString(StandardCharsets.UTF_8);
        assertTrue(exposition.contains("node_command_duration_seconds_bucket{command=\"publish\",status=\"ok\",le=\"1.0\"} 2 # "
                + "{span_id=\"00f067aa0ba902b7\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 0.5"), exposition);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
