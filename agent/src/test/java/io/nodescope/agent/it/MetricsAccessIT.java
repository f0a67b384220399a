package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodescope.agent.config.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the sample node's {@code /metrics} over TLS with basic auth, configured
 * as docs/configuration.md shows; a scrape job with the wrong password is refused.
 */
class MetricsAccessIT {

    private static final Duration TIMEOUT = Patience.DATA;

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesOverTlsWithBasicAuthAndAWrongPasswordIsRefused() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "EC");
        Files.writeString(dir.resolve("metrics.password"), "s3cret-scrape\n");
        Files.writeString(dir.resolve("wrong.password"), "guess\n");
        int metricsPort = FreePort.pick();
        Path config = SampleConfig.shipped().metricsPort(metricsPort).tracesEnabled(false).write(dir);
        Files.writeString(config, Files.readString(config) + String.join("\n", "",
                "[telemetry.metrics.tls]",
                "cert_file = '" + certificates.certFile() + "'",
                "key_file = '" + certificates.keyFile() + "'",
                "",
                "[telemetry.metrics.basic_auth]",
                "username = 'prometheus'",
                "password_file = 'metrics.password'",
                ""));
        Path prometheusConfig = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "scrape_configs:",
                scrapeJob("node", "metrics.password", certificates, metricsPort),
                scrapeJob("intruder", "wrong.password", certificates, metricsPort),
                ""));

        try (NodeProcess node = NodeProcess.sampleNode().agent(config)
                .arguments("--port", "0", "--workload-seconds", "60", "--workload-rate", "20").start();
                PrometheusServer prometheus = PrometheusServer.builder().configFile(prometheusConfig, 2).start()) {
            node.awaitListening(Patience.START);
            node.awaitLine(line -> line.contains("metrics: https://127.0.0.1:" + metricsPort + "/metrics (basic auth)"), Patience.DATA);
            prometheus.awaitNonEmpty("node_command_total{job=\"node\"}", TIMEOUT);
            awaitRefused(prometheus, "intruder");
        }
    }

    private String scrapeJob(String name, String passwordFile, TestCertificates certificates, int port) {
        return String.join("\n",
                "  - job_name: " + name,
                "    scheme: https",
                "    tls_config: {ca_file: '" + certificates.certFile() + "'}",
                "    basic_auth: {username: prometheus, password_file: '" + dir.resolve(passwordFile) + "'}",
                "    static_configs: [{targets: ['127.0.0.1:" + port + "']}]");
    }

    /** Polls the targets until the job's scrape has failed with 401 Unauthorized. */
    private static void awaitRefused(PrometheusServer prometheus, String job) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (JsonNode target : prometheus.getJson("/api/v1/targets?state=active").path("data").path("activeTargets")) {
                if (job.equals(target.path("labels").path("job").asText())) {
                    last = target.path("health").asText() + ": " + target.path("lastError").asText();
                    if ("down".equals(target.path("health").asText()) && target.path("lastError").asText().contains("401")) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the " + job + " job was not refused with 401 within " + TIMEOUT + "; last: " + last);
    }
}
