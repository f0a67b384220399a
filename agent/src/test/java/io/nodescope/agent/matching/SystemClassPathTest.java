package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        List<Path> entries = List.of(TestJars.of(ByteBuddy.class), TestJars.of(Test.class), TestJars.of(io.opentelemetry.api.trace.Span.class));
        SystemClassPath classPath = SystemClassPath.of(classPath(entries), JDK_PACKAGES);
        int compared = 0;
        try (URLClassLoader loader = loaderOver(entries)) {
            for (Path jar : entries) {
                compared += TestJars.forEachClass(jar, (name, entry) ->
                        assertArrayEquals(bytes(loader.getResourceAsStream(entry)), TestJars.bytes(classPath::open, name), name));
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
        SystemClassPath classPath = SystemClassPath.of(classPath(entries), JDK_PACKAGES);
        try (URLClassLoader loader = loaderOver(entries)) {
            for (String name : List.of("app.Shared", "app.Versioned", "app.OnlyHere")) {
                String resource = name.replace('.', '/') + ".class";
                assertArrayEquals(bytes(loader.getResourceAsStream(resource)), bytes(classPath.open(name)), name);
            }
        }
        assertEquals("for 11", TestJars.text(classPath.open("app.Versioned")));
    }

    @Test
    void leavesToTheLoaderWhatItCouldAnswerOtherwise() throws Exception {
        Path withClassPath = jar("with-class-path.jar", Map.of("app/Own.class", "its own"), false, "more.jar");
        Path after = jar("after.jar", Map.of("app/After.class", "after"), false, null);
        Path broken = Files.write(dir.resolve("broken.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));
        Path before = jar("before.jar", Map.of("java/lang/String.class", "a JDK class in a jar", "app/Before.class", "before"), false, null);
        SystemClassPath classPath = SystemClassPath.of(classPath(List.of(dir.resolve("missing.jar"), broken, before, withClassPath, after)), JDK_PACKAGES);

        assertNull(classPath.open("java.lang.String"), "a package of a named module comes from its module");
        assertNull(classPath.open("app.Nowhere"), "a class no entry has");
        assertEquals("before", TestJars.text(classPath.open("app.Before")), "past a missing and a broken entry");
        assertEquals("its own", TestJars.text(classPath.open("app.Own")), "the jar whose manifest adds to the path");
        assertNull(classPath.open("app.After"), "past it the loader searches the manifest's entries first");
    }

    @Test
    void saysWhenTheLoaderWouldFindNoClassFileEither() throws Exception {
        Path jar = jar("only.jar", Map.of("app/Here.class", "here"), false, null);
        Path withClassPath = jar("with-class-path.jar", Map.of("app/Own.class", "its own"), false, "more.jar");
        SystemClassPath whole = SystemClassPath.of(jar.toString(), JDK_PACKAGES);
        assertNull(whole.open("app.Nowhere"));
        assertTrue(whole.lacks("app.Nowhere"), "every entry searched");
        assertFalse(whole.lacks("javax.sql.DataSource"), "a package of a named module is its module's");
        SystemClassPath manifest = SystemClassPath.of(withClassPath + File.pathSeparator + jar, JDK_PACKAGES);
        assertNull(manifest.open("app.Nowhere"));
        assertFalse(manifest.lacks("app.Nowhere"), "the manifest's entries come next, for the loader to search");
        // An entry that is no path (a NUL character) ends what it answers for: the loader searches on past it.
        SystemClassPath notAPath = SystemClassPath.of(jar + File.pathSeparator + "bad\0entry" + File.pathSeparator + withClassPath,
                JDK_PACKAGES);
        assertEquals("here", TestJars.text(notAPath.open("app.Here")));
        assertNull(notAPath.open("app.Own"));
        assertFalse(notAPath.lacks("app.Own"), "past the entry that is no path, the loader is asked");
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
        return TestJars.write(dir.resolve(name), entries, multiRelease, classPath);
    }

    private static String classPath(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static URLClassLoader loaderOver(List<Path> entries) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            urls.add(entry.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static byte[] bytes(InputStream in) {
        return TestJars.bytes(in);
    }
}
