package io.nodescope.agent.it;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.Rdf4jWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rdf4j pack on an embedded RDF4J store: a SELECT or CONSTRUCT lasts until its result is read
 * to its end or closed, and a failure while its rows are read is the query's error. See
 * {@link Rdf4jWorkload} for the workload.
 */
class Rdf4jIT {

    @TempDir
    Path dir;

    @Test
    void aQueryIsTimedUntilItsResultIsReadAndFailsWhenReadingItFails() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "include = [\"nodescope:rdf4j\"]",
                "",
                "[telemetry.traces]",
                "enabled = false",
                "",
                "[telemetry.metrics]",
                "enabled = true",
                "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                ""));
        try (NodeProcess app = NodeProcess.java().agent(config).mainClass(TestClassPath.withLibraries(), Rdf4jWorkload.class.getName())
                .arguments("120").start()) {
            app.awaitLine(line -> line.equals(Rdf4jWorkload.DONE), Patience.DATA);
            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has(TripleStoreCounts.count("update", "ok")), Patience.DATA);
            TripleStoreCounts.assertExactly(Rdf4jWorkload.EXPECTED, metrics, app.output());
            TripleStoreCounts.assertSelectsTimedWhileRead(metrics, Rdf4jWorkload.SLOW_SELECT_MILLIS);
        }
    }
}
