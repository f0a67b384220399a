package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.metrics.MetricsText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule can select a JDK class: the bootstrap dispatch is visible from the boot loader. The
 * application's results are unchanged, exceptions reach it unchanged, and its calls are counted.
 *
 * <p>{@code Adler32.update(byte[], int, int)} is called by nobody but the application, so its
 * count is exact. {@code CRC32.update(byte[], int, int)} is also called by the JDK's class loader
 * for every class it reads from a jar, the agent's own classes included, so its count is at least
 * the application's: the rule must work even when the advice runs inside the agent's class loading.
 */
class JdkClassIT {

    private static final int CALLS = 1000;
    private static final int BAD_CALLS = 7;
    private static final Pattern DONE = Pattern.compile("checksums calls=(\\d+) bad=(\\d+) crc32=([0-9a-f]+) adler32=([0-9a-f]+)");

    @TempDir
    Path dir;

    @Test
    void rulesOnJdkChecksumsCountTheCallsAndChangeNothing() throws Exception {
        int metricsPort = FreePort.pick();
        Path config = dir.resolve("nodescope.toml");
        Files.writeString(config, String.join("\n",
                "[telemetry.traces]",
                "enabled = false",
                "",
                "[telemetry.metrics]",
                "enabled = true",
                "bind_address = \"127.0.0.1:" + metricsPort + "\"",
                "",
                "[[rule]]",
                "name = \"jdk-adler32\"",
                "kind = \"command\"",
                "class.name = \"java.util.zip.Adler32\"",
                "method.name = \"update\"",
                "method.parameters = [\"byte[]\", \"int\", \"int\"]",
                "values.command = \"adler\"",
                "",
                "[[rule]]",
                "name = \"jdk-crc32\"",
                "kind = \"command\"",
                "class.name = \"java.util.zip.CRC32\"",
                "method.name = \"update\"",
                "method.parameters = [\"byte[]\", \"int\", \"int\"]",
                "values.command = \"crc\"",
                ""));
        String testClasses = Path.of(ChecksumApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (NodeProcess app = NodeProcess.java().agent(config).mainClass(testClasses, ChecksumApp.class.getName())
                .arguments(String.valueOf(CALLS), String.valueOf(BAD_CALLS), "60").start()) {
            Matcher done = DONE.matcher(app.awaitLine(line -> DONE.matcher(line).find(), Patience.DATA));
            done.find();
            assertEquals(CALLS, Integer.parseInt(done.group(1)), app.output());
            assertEquals(2 * BAD_CALLS, Integer.parseInt(done.group(2)),
                    "every bad call threw ArrayIndexOutOfBoundsException:\n" + app.output());
            assertEquals(Long.toHexString(ChecksumApp.checksum(CALLS, new CRC32())), done.group(3), "CRC32 as without the agent");
            assertEquals(Long.toHexString(ChecksumApp.checksum(CALLS, new Adler32())), done.group(4), "Adler32 as without the agent");

            MetricsText metrics = Scrape.awaitMetrics(metricsPort, m -> m.has("node_command_total{command=\"adler\",status=\"ok\"}")
                    && m.has("node_command_total{command=\"crc\",status=\"ok\"}"), Patience.DATA);
            assertEquals(CALLS, metrics.value("node_command_total{command=\"adler\",status=\"ok\"}"), metrics.text());
            assertEquals(BAD_CALLS, metrics.value("node_command_total{command=\"adler\",status=\"error\"}"));
            assertEquals(CALLS, metrics.value("node_command_duration_seconds_count{command=\"adler\",status=\"ok\"}"));
            double crcCalls = metrics.value("node_command_total{command=\"crc\",status=\"ok\"}");
            assertTrue(crcCalls >= CALLS, "the application's CRC32 calls are all counted: " + crcCalls);
            assertEquals(BAD_CALLS, metrics.value("node_command_total{command=\"crc\",status=\"error\"}"));
            assertEquals(1.0, metrics.value("nodescope_instrumented_methods{rule=\"jdk-adler32\"}"));
            assertEquals(1.0, metrics.value("nodescope_instrumented_methods{rule=\"jdk-crc32\"}"));
            assertEquals(0.0, metrics.value("nodescope_advice_errors_total"));
            assertTrue(app.isAlive(), app.output());
        }
    }

    /**
     * The application: checksums {@code calls} chunks with CRC32 and Adler32 {@code update(byte[],
     * int, int)}, makes {@code bad} calls on each with an out-of-range length, prints what it got,
     * then stays up to be scraped. Arguments: calls, bad calls, seconds to stay up.
     */
    public static final class ChecksumApp {

        public static void main(String[] args) throws InterruptedException {
            int calls = Integer.parseInt(args[0]);
            int bad = Integer.parseInt(args[1]);
            CRC32 crc = new CRC32();
            Adler32 adler = new Adler32();
            long crcValue = checksum(calls, crc);
            long adlerValue = checksum(calls, adler);
            int thrown = 0;
            for (int i = 0; i < bad; i++) {
                thrown += updateOutOfRange(crc) + updateOutOfRange(adler);
            }
            System.out.println("checksums calls=" + calls + " bad=" + thrown
                    + " crc32=" + Long.toHexString(crcValue) + " adler32=" + Long.toHexString(adlerValue));
            System.out.flush();
            Thread.sleep(Long.parseLong(args[2]) * 1000);
        }

        static long checksum(int calls, Checksum checksum) {
            byte[] data = "the node's data, chunk by chunk ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < calls; i++) {
                checksum.update(data, i % 8, data.length - i % 8);
            }
            return checksum.getValue();
        }

        private static int updateOutOfRange(Checksum checksum) {
            try {
                checksum.update(new byte[4], 2, 8);
                return 0;
            } catch (ArrayIndexOutOfBoundsException e) {
                return 1;
            }
        }
    }
}
