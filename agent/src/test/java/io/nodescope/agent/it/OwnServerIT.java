package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The natural rules for a node whose API runs on the JDK's HTTP server, a {@code network} and an
 * {@code extract} rule on {@code HttpHandler}, also select the JDK's own handlers, which serve the
 * agent's {@code /metrics} as well. The node's requests are counted and traced; scrapes never are.
 */
class OwnServerIT {

    private static final String SERVED = "node_network_requests_total{outcome=\"ok\",protocol=\"served\"}";
    private static final String RULE = String.join("\n",
            "[[rule]]",
            "name = \"served\"",
            "kind = \"network\"",
            "class.supertype = \"com.sun.net.httpserver.HttpHandler\"",
            "method.name = \"handle\"",
            "values.protocol = \"served\"",
            "");
    private static final int SCRAPES = 20;
    private static final int REQUESTS = 5;

    @TempDir
    Path dir;

    @Test
    void scrapesOfTheAgentsOwnServerAreNeverCountedOrTraced() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.startHttp()) {
            int metricsPort = FreePort.pick();
            Path config = SampleConfig.shipped().metricsPort(metricsPort).traces(receiver.endpoint(), "http/protobuf")
                    .withRules(RULE).write(dir);
            try (NodeProcess node = NodeProcess.sampleNode().agent(config).arguments("--port", "0").start()) {
                int port = node.awaitListening(Patience.START);
                double before = served(Scrape.awaitMetrics(metricsPort, m -> m.has(SERVED), Patience.START));
                for (int i = 0; i < SCRAPES; i++) {
                    Scrape.text(metricsPort);
                }
                double afterScrapes = served(MetricsText.parse(Scrape.text(metricsPort)));
                assertEquals(before, afterScrapes, SCRAPES + " scrapes are not the node's requests");

                for (int i = 0; i < REQUESTS; i++) {
                    assertEquals(200, Probe.status(port, "/health"));
                }
                double afterRequests = served(Scrape.awaitMetrics(metricsPort, m -> served(m) >= afterScrapes + REQUESTS, Patience.DATA));
                for (int i = 0; i < SCRAPES; i++) {
                    Scrape.text(metricsPort);
                }
                assertEquals(afterRequests, served(MetricsText.parse(Scrape.text(metricsPort))), "scrapes after requests");

                // One more request after the scrapes: once its spans are in, a scrape's span would be too.
                assertEquals(200, Probe.status(port, "/health"));
                double total = served(Scrape.awaitMetrics(metricsPort, m -> served(m) > afterRequests, Patience.DATA));
                List<ReceivedSpan> spans = receiver.awaitSpans(all -> servedSpans(all) >= total, Patience.DATA);
                assertEquals((long) total, servedSpans(spans), "a span for each counted request and none for a scrape");
                assertEquals(0.0, MetricsText.parse(Scrape.text(metricsPort)).value("nodescope_advice_errors_total"));
            }
        }
    }

    private static double served(MetricsText metrics) {
        return metrics.has(SERVED) ? metrics.value(SERVED) : 0;
    }

    private static long servedSpans(List<ReceivedSpan> spans) {
        return spans.stream().filter(span -> span.name().equals("network.served")).count();
    }
}
