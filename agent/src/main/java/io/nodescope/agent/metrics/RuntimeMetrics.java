package io.nodescope.agent.metrics;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;

/**
 * The JVM and process metrics of the Prometheus client's JVM instrumentation, registered one by
 * one instead of through its {@code JvmMetrics}, which registers the native memory metrics too:
 * those create the JVM's platform MBean server as they register and ask it for a native memory
 * summary (the JMX implementation loaded and every platform MXBean registered in the node's
 * start), only to find none unless the JVM tracks native memory. They are registered only then.
 */
final class RuntimeMetrics {

    private RuntimeMetrics() {
    }

    static void register(PrometheusRegistry registry) {
        PrometheusProperties properties = PrometheusProperties.get();
        JvmThreadsMetrics.builder(properties).register(registry);
        JvmBufferPoolMetrics.builder(properties).register(registry);
        JvmClassLoadingMetrics.builder(properties).register(registry);
        JvmCompilationMetrics.builder(properties).register(registry);
        JvmGarbageCollectorMetrics.builder(properties).register(registry);
        JvmMemoryPoolAllocationMetrics.builder(properties).register(registry);
        JvmMemoryMetrics.builder(properties).register(registry);
        if (tracksNativeMemory()) {
            JvmNativeMemoryMetrics.builder(properties).register(registry);
        }
        JvmRuntimeInfoMetric.builder(properties).register(registry);
        ProcessMetrics.builder(properties).register(registry);
    }

    /** Whether the JVM runs with {@code -XX:NativeMemoryTracking} on; true when it cannot say (it is not HotSpot). */
    private static boolean tracksNativeMemory() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null || !"off".equals(hotSpot.getVMOption("NativeMemoryTracking").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
