package io.nodescope.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's {@code jcmd}, from the JDK that runs the tests (and the processes they start). */
final class JvmTools {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private JvmTools() {
    }

    /** The live objects of a JVM: {@code GC.class_histogram} runs a full GC first, so garbage is not counted. */
    static Histogram liveObjects(long pid) {
        String output = jcmd(pid, "GC.class_histogram");
        Map<String, Long> instances = new HashMap<>();
        long totalBytes = -1;
        for (String line : output.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                instances.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
                continue;
            }
            Matcher total = TOTAL.matcher(line);
            if (total.find()) {
                totalBytes = Long.parseLong(total.group(2));
            }
        }
        if (totalBytes < 0) {
            throw new AssertionError("no total in the class histogram of " + pid + ":\n" + output);
        }
        return new Histogram(totalBytes, instances);
    }

    /** The compiler directives in force, as {@code Compiler.directives_print} lists them. */
    static String compilerDirectives(long pid) {
        return jcmd(pid, "Compiler.directives_print");
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), command))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid + " " + command + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Live bytes in total and instances per class name. */
    static final class Histogram {
        private final long totalBytes;
        private final Map<String, Long> instances;

        Histogram(long totalBytes, Map<String, Long> instances) {
            this.totalBytes = totalBytes;
            this.instances = instances;
        }

        long totalBytes() {
            return totalBytes;
        }

        long instances(String className) {
            return instances.getOrDefault(className, 0L);
        }

        @Override
        public String toString() {
            return (totalBytes >> 10) + " KiB live";
        }
    }
}
