package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class path read directly answers as a class loader over the same path does, or leaves the answer to it. */
class SystemClassPathTest {

    private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "javax.sql", "org.w3c.dom");

    @TempDir
    Path dir;

    @Test
    void readsEveryClassOfRealJarsAsAClassLoaderOverTheSamePath() throws Exception {
        List<Path> entries = List.of(jarOf(ByteBuddy.class), jarOf(Test.class), jarOf(io.opentelemetry.api.trace.Span.class));
        SystemClassPath classPath = new SystemClassPath(entries, JDK_PACKAGES);
        int compared = 0;
        try (URLClassLoader loader = loaderOver(entries)) {
            for (Path jar : entries) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (Enumeration<JarEntry> all = file.entries(); all.hasMoreElements();) {
                        String entry = all.nextElement().getName();
                        if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")) {
                            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                            assertArrayEquals(bytes(loader.getResourceAsStream(entry)), bytes(classPath.open(name)), name);
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 3000, "classes compared: " + compared);
    }

    @Test
    void theFirstEntryWithTheClassWinsAndAMultiReleaseJarGivesThisJdksVersion() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/app"));
        Files.write(classes.resolve("Shared.class"), "from the directory".getBytes(StandardCharsets.UTF_8));
        Path first = jar("first.jar", Map.of("app/Shared.class", "from first", "app/Versioned.class", "base",
                "META-INF/versions/11/app/Versioned.class", "for 11"), true, null);
        Path second = jar("second.jar", Map.of("app/Shared.class", "from second", "app/OnlyHere.class", "second's own"), false, null);
        List<Path> entries = List.of(first, dir.resolve("classes"), second);
        SystemClassPath classPath = new SystemClassPath(entries, JDK_PACKAGES);
        try (URLClassLoader loader = loaderOver(entries)) {
            for (String name : List.of("app.Shared", "app.Versioned", "app.OnlyHere")) {
                String resource = name.replace('.', '/') + ".class";
                assertArrayEquals(bytes(loader.getResourceAsStream(resource)), bytes(classPath.open(name)), name);
            }
        }
        assertEquals("for 11", new String(bytes(classPath.open("app.Versioned")), StandardCharsets.UTF_8));
    }

    @Test
    void leavesToTheLoaderWhatItCouldAnswerOtherwise() throws Exception {
        Path withClassPath = jar("with-class-path.jar", Map.of("app/Own.class", "its own"), false, "more.jar");
        Path after = jar("after.jar", Map.of("app/After.class", "after"), false, null);
        Path broken = Files.write(dir.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));
        Path before = jar("before.jar", Map.of("java/lang/String.class", "a JDK class in a jar", "app/Before.class", "before"), false, null);
        SystemClassPath classPath = new SystemClassPath(List.of(dir.resolve("missing.jar"), broken, before, withClassPath, after), JDK_PACKAGES);

        assertNull(classPath.open("java.lang.String"), "a package of a named module comes from its module");
        assertNull(classPath.open("app.Nowhere"), "a class no entry has");
        assertEquals("before", new String(bytes(classPath.open("app.Before")), StandardCharsets.UTF_8), "past a missing and a broken entry");
        assertEquals("its own", new String(bytes(classPath.open("app.Own")), StandardCharsets.UTF_8), "the jar whose manifest adds to the path");
        assertNull(classPath.open("app.After"), "past it the loader searches the manifest's entries first");
    }

    @Test
    void answersOnlyForTheJdksOwnSystemClassLoader() throws IOException {
        try (URLClassLoader other = new URLClassLoader(new URL[0])) {
            assertNull(SystemClassPath.of(other));
        }
        assertNull(SystemClassPath.of(null));
        assertNotNull(SystemClassPath.of(ClassLoader.getSystemClassLoader()));
    }

    private Path jar(String name, Map<String, String> entries, boolean multiRelease, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static URLClassLoader loaderOver(List<Path> entries) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            urls.add(entry.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static byte[] bytes(InputStream in) throws IOException {
        assertNotNull(in, "no class file");
        try (InputStream read = in) {
            return read.readAllBytes();
        }
    }
}
