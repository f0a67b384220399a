package io.nodescope.agent.metrics;

import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.TestConfigs;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;
import javax.management.MBeanServerFactory;

/** Run in a JVM of its own by {@link RuntimeMetricsTest}: exposes the JVM metrics, prints their names and how many MBean servers exist. */
final class RuntimeMetricsProbe {

    private RuntimeMetricsProbe() {
    }

    public static void main(String[] args) throws Exception {
        MetricsConfig config = TestConfigs.load(Files.createTempDirectory("runtime-metrics"),
                "[telemetry.metrics]\nbind_address = \"127.0.0.1:0\"\n").metrics();
        TreeSet<String> names = new TreeSet<>();
        for (MetricSnapshot snapshot : MetricsServer.exposed(config, new MetricRegistry("probe", 10, Map.of())).scrape()) {
            names.add(snapshot.getMetadata().getPrometheusName());
        }
        System.out.println("names=" + names);
        System.out.println("mbean-servers=" + MBeanServerFactory.findMBeanServer(null).size());
    }
}
