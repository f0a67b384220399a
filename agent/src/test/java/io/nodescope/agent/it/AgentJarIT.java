package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent jar as built: at most 6 MiB; in its own directory only the classes a disabled agent
 * may need, which name nothing outside it; every bundled library relocated; OkHttp, Okio and the
 * Kotlin library in the gRPC archive alone.
 */
class AgentJarIT {

    private static final long MAX_BYTES = 6L * 1024 * 1024;
    private static final String SHADED = "io/nodescope/shaded/";
    private static final List<String> GRPC_LIBRARIES = List.of(SHADED + "okhttp3/", SHADED + "okio/", SHADED + "kotlin/");
    /** A class named in a class file: in its constant pool, as a class or inside a descriptor or signature. */
    private static final Pattern NAMED = Pattern.compile("io/nodescope/[A-Za-z0-9_/$-]+");

    private static Map<String, byte[]> outer;
    private static Map<String, byte[]> core;
    private static Map<String, byte[]> grpc;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = Files.newInputStream(TestPaths.agentJar())) {
            outer = entries(in);
        }
        core = entries(new ByteArrayInputStream(outer.get("lib/core.jar")));
        grpc = entries(new ByteArrayInputStream(outer.get("lib/grpc.jar")));
    }

    @Test
    void isAtMostSixMebibytes() throws IOException {
        long size = Files.size(TestPaths.agentJar());
        assertTrue(size <= MAX_BYTES, TestPaths.agentJar() + " is " + size + " bytes");
    }

    @Test
    void everyBundledClassIsTheAgentsOrRelocated() {
        for (Map<String, byte[]> archive : List.of(outer, core, grpc)) {
            List<String> foreign = archive.keySet().stream()
                    .filter(name -> !name.startsWith("io/nodescope/") && !name.startsWith("META-INF/") && !name.startsWith("lib/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign);
            List<String> metaInf = archive.keySet().stream()
                    .filter(name -> name.startsWith("META-INF/") && !name.equals("META-INF/MANIFEST.MF")
                            && !name.startsWith("META-INF/licenses/") && !name.startsWith("META-INF/services/io.nodescope.shaded."))
                    .collect(Collectors.toList());
            assertEquals(List.of(), metaInf);
        }
        assertEquals(Set.of("lib/core.jar", "lib/grpc.jar"),
                outer.keySet().stream().filter(name -> name.startsWith("lib/")).collect(Collectors.toSet()));
    }

    @Test
    void okHttpOkioAndKotlinAreInTheGrpcArchiveAlone() {
        for (String library : GRPC_LIBRARIES) {
            assertTrue(grpc.keySet().stream().anyMatch(name -> name.startsWith(library)), library);
            assertFalse(core.keySet().stream().anyMatch(name -> name.startsWith(library)), library);
            assertFalse(outer.keySet().stream().anyMatch(name -> name.startsWith(library)), library);
        }
        assertTrue(grpc.keySet().stream().allMatch(name -> GRPC_LIBRARIES.stream().anyMatch(name::startsWith)
                || name.startsWith(SHADED + "opentelemetry/exporter/sender/okhttp/")), grpc.keySet().toString());
        assertTrue(core.containsKey(SHADED + "opentelemetry/exporter/sender/jdk/internal/JdkHttpSenderProvider.class"));
    }

    @Test
    void theJarsOwnClassesNameNothingOutsideIt() throws IOException {
        assertTrue(outer.containsKey("io/nodescope/agent/NodescopeAgent.class"));
        assertFalse(outer.containsKey("io/nodescope/agent/AgentRuntime.class"), "the runtime is in lib/core.jar");
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : outer.entrySet()) {
            if (entry.getKey().endsWith(".class")) {
                for (String named : namedClasses(entry.getValue())) {
                    if (!outer.containsKey(named + ".class") && !named.startsWith("io/nodescope/bootstrap/")
                            && !named.endsWith("/package-info") && !named.startsWith(SHADED + "javax/annotation/")) {
                        missing.computeIfAbsent(named, name -> new TreeSet<>()).add(entry.getKey());
                    }
                }
            }
        }
        assertEquals(Map.of(), missing, "named by the classes in the agent jar's own directory, but not there");
    }

    @Test
    void theNestedArchivesEntriesAreStoredSoThatTheJarCompressesThemTogether() throws IOException {
        try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
            for (String archive : List.of("lib/core.jar", "lib/grpc.jar")) {
                assertEquals(ZipEntry.DEFLATED, jar.getEntry(archive).getMethod(), archive);
            }
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(outer.get("lib/core.jar")))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
            }
        }
    }

    private static Map<String, byte[]> entries(InputStream archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(archive)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** The agent's and its relocated libraries' classes a class file names, read from its constant pool's texts. */
    private static Set<String> namedClasses(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8);
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: texts.add(in.readUTF()); break;
                case 7: case 8: case 16: case 19: case 20: in.skipBytes(2); break;
                case 15: in.skipBytes(3); break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.skipBytes(4); break;
                case 5: case 6: in.skipBytes(8); index++; break;
                default: throw new IOException("constant pool tag " + tag);
            }
        }
        Set<String> named = new TreeSet<>();
        for (String text : texts) {
            Matcher matcher = NAMED.matcher(text);
            while (matcher.find()) {
                named.add(matcher.group());
            }
        }
        return named;
    }
}
