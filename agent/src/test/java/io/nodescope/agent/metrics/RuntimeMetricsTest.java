package io.nodescope.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM metrics come without the platform MBean server (creating it loads the JMX implementation
 * in the node's start), and with the native memory metrics when the JVM tracks native memory. Each
 * case in a JVM of its own, where nothing else created an MBean server before.
 */
class RuntimeMetricsTest {

    @Test
    void theJvmMetricsComeWithoutThePlatformMBeanServer() throws Exception {
        String out = probe();
        assertTrue(out.contains("mbean-servers=0"), out);
        for (String name : List.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds", "jvm_classes_currently_loaded",
                "jvm_buffer_pool_used_bytes", "jvm_compilation_time_seconds", "jvm_memory_pool_allocated_bytes", "jvm_runtime",
                "process_cpu_seconds", "process_open_fds")) {
            assertTrue(out.contains(name), name + " in " + out);
        }
        assertFalse(out.contains("jvm_native_memory"), out);
    }

    @Test
    void theNativeMemoryMetricsComeWhenTheJvmTracksNativeMemory() throws Exception {
        String out = probe("-XX:NativeMemoryTracking=summary");
        assertTrue(out.contains("jvm_native_memory_committed_bytes"), out);
        assertTrue(out.contains("jvm_native_memory_reserved_bytes"), out);
    }

    private static String probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RuntimeMetricsProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
