package io.nodescope.agent.it;

import io.nodescope.agent.metrics.MetricsText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads a node's /metrics over HTTP, polling until what a test waits for is there. */
final class Scrape {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Scrape() {
    }

    static String text(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    static MetricsText awaitMetrics(int port, Predicate<MetricsText> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(nothing scraped)";
        while (System.nanoTime() < deadline) {
            try {
                last = text(port);
                MetricsText metrics = MetricsText.parse(last);
                if (condition.test(metrics)) {
                    return metrics;
                }
            } catch (IOException e) {
                last = "(scrape failed: " + e + ")";
            }
            Thread.sleep(200);
        }
        throw new AssertionError("metrics on port " + port + " did not reach the expected state within " + timeout + ":\n" + last);
    }
}
