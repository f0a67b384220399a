package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars written for the class path tests, and the class files of real ones. */
final class TestJars {

    private TestJars() {
    }

    /** A jar of {@code entries} (name to text), multi-release or with a manifest {@code Class-Path} (null: none) as asked. */
    static Path write(Path jar, Map<String, String> entries, boolean multiRelease, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The jar a class was loaded from. */
    static Path of(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Each class file of the jar (not its module descriptor or {@code META-INF}), by binary name and entry name; returns how many. */
    static int forEachClass(Path jar, BiConsumer<String, String> nameAndEntry) throws IOException {
        int classes = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> all = file.entries(); all.hasMoreElements();) {
                String entry = all.nextElement().getName();
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")) {
                    nameAndEntry.accept(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'), entry);
                    classes++;
                }
            }
        }
        return classes;
    }

    /** What reads a class file by binary name: a class path under test. */
    interface ClassFileSource {
        InputStream open(String name) throws IOException;
    }

    /** The class file {@code source} reads for {@code name}; fails the test when it reads none. */
    static byte[] bytes(ClassFileSource source, String name) {
        try {
            return bytes(source.open(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(InputStream in) {
        assertNotNull(in, "no class file");
        try (InputStream read = in) {
            return read.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(InputStream in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}
