package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URLClassLoader's class path read directly answers as the loader does, or leaves the answer to it. */
class UrlClassPathTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryClassOfRealJarsAsTheLoaderDoesThroughJarAndFileUrls() throws Exception {
        Path byteBuddy = copy(ByteBuddy.class, "bytebuddy.jar");
        Path api = copy(io.opentelemetry.api.trace.Span.class, "otel-api.jar");
        URL[] urls = {new URL("jar:" + byteBuddy.toUri() + "!/"), api.toUri().toURL()};
        int compared = 0;
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            UrlClassPath classPath = UrlClassPath.of(loader);
            assertNotNull(classPath);
            for (Path jar : new Path[] {byteBuddy, api}) {
                compared += TestJars.forEachClass(jar, (name, entry) ->
                        assertArrayEquals(bytes(loader.getResourceAsStream(entry)), TestJars.bytes(classPath::open, name), name));
            }
        }
        assertTrue(compared > 2000, "classes compared: " + compared);
    }

    @Test
    void theSystemClassPathComesFirstThenTheUrlsInOrder() throws Exception {
        // Test is on the system class path (JUnit's jar): the parent's copy wins over the loader's own.
        Path first = jar("first.jar", Map.of("org/junit/jupiter/api/Test.class", "the loader's own", "app/Shared.class", "from first"), null);
        Path classes = Files.createDirectories(dir.resolve("classes/app"));
        Files.write(classes.resolve("Shared.class"), "from the directory".getBytes(StandardCharsets.UTF_8));
        Files.write(classes.resolve("InDirectory.class"), "the directory's own".getBytes(StandardCharsets.UTF_8));
        URL[] urls = {first.toUri().toURL(), dir.resolve("classes").toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getSystemClassLoader())) {
            UrlClassPath classPath = UrlClassPath.of(loader);
            for (String name : new String[] {"org.junit.jupiter.api.Test", "app.Shared", "app.InDirectory"}) {
                String resource = name.replace('.', '/') + ".class";
                assertArrayEquals(bytes(loader.getResourceAsStream(resource)), bytes(classPath.open(name)), name);
            }
            assertFalse(new String(bytes(classPath.open("org.junit.jupiter.api.Test")), StandardCharsets.ISO_8859_1).contains("loader's own"));
            assertEquals("from first", TestJars.text(classPath.open("app.Shared")));
            assertSame(classPath, UrlClassPath.of(loader), "read once per loader");
        }
    }

    @Test
    void aFileUrlIsADirectoryOnlyWhenItEndsWithASlash() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/app"));
        Files.write(classes.resolve("Found.class"), "the directory's".getBytes(StandardCharsets.UTF_8));
        Path jar = jar("later.jar", Map.of("app/Found.class", "the jar's"), null);
        URL withoutSlash = new URL("file:" + dir.resolve("classes").toAbsolutePath());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {withoutSlash, jar.toUri().toURL()}, ClassLoader.getSystemClassLoader())) {
            assertEquals("the jar's", TestJars.text(loader.getResourceAsStream("app/Found.class")), "the loader's own answer");
            assertEquals("the jar's", TestJars.text(UrlClassPath.of(loader).open("app.Found")));
        }
    }

    @Test
    void leavesToTheLoaderWhatItCouldAnswerOtherwise() throws Exception {
        Path withClassPath = jar("with-class-path.jar", Map.of("app/Own.class", "its own"), "more.jar");
        Path after = jar("after.jar", Map.of("app/After.class", "after"), null);
        Path beforeRemote = jar("before-remote.jar", Map.of("app/Before.class", "before"), null);
        URL remote = new URL("http://127.0.0.1:9/remote/");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {withClassPath.toUri().toURL(), after.toUri().toURL()},
                ClassLoader.getSystemClassLoader());
                URLClassLoader other = new URLClassLoader(new URL[] {beforeRemote.toUri().toURL(), remote, after.toUri().toURL()},
                        ClassLoader.getSystemClassLoader())) {
            UrlClassPath classPath = UrlClassPath.of(loader);
            assertEquals("its own", TestJars.text(classPath.open("app.Own")), "the jar whose manifest adds to the path");
            assertNull(classPath.open("app.After"), "past it the loader searches the manifest's entries first");
            assertNull(classPath.open("javax.sql.DataSource"), "a package of a named module comes from its module");
            assertNull(classPath.open("app.Nowhere"), "a class no entry has");
            UrlClassPath remoteFirst = UrlClassPath.of(other);
            assertEquals("before", TestJars.text(remoteFirst.open("app.Before")));
            assertNull(remoteFirst.open("app.After"), "past a URL the loader reads its own way");
        }
    }

    @Test
    void neverFetchesARemoteJar() throws Exception {
        byte[] remoteJar = Files.readAllBytes(jar("remote.jar", Map.of("app/Remote.class", "remote"), null));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, remoteJar.length);
            exchange.getResponseBody().write(remoteJar);
            exchange.close();
        });
        server.start();
        URL remote = new URL("jar:http://127.0.0.1:" + server.getAddress().getPort() + "/remote.jar!/");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {remote}, ClassLoader.getSystemClassLoader())) {
            assertNull(UrlClassPath.of(loader).open("app.Remote"), "the loader's to fetch");
            assertEquals(0, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void readsOnlyLoadersThatLookUpAsUrlClassLoaderBelowTheSystemLoader() throws Exception {
        URL[] none = new URL[0];
        try (URLClassLoader plain = new URLClassLoader(none, ClassLoader.getSystemClassLoader());
                URLClassLoader besidePlatform = new URLClassLoader(none, ClassLoader.getPlatformClassLoader());
                URLClassLoader ownLookup = new URLClassLoader(none, ClassLoader.getSystemClassLoader()) {
                    @Override
                    public URL findResource(String name) {
                        return null;
                    }
                }) {
            assertNotNull(UrlClassPath.of(plain));
            assertNull(UrlClassPath.of(besidePlatform), "its parent is not the system loader");
            assertNull(UrlClassPath.of(ownLookup), "it finds resources its own way");
        }
        assertNull(UrlClassPath.of(ClassLoader.getSystemClassLoader()), "the JDK's loaders: SystemClassPath");
        assertNull(UrlClassPath.of(null));
    }

    private Path copy(Class<?> type, String name) throws Exception {
        return Files.copy(TestJars.of(type), dir.resolve(name));
    }

    private Path jar(String name, Map<String, String> entries, String classPath) throws IOException {
        return TestJars.write(dir.resolve(name), entries, false, classPath);
    }

    private static byte[] bytes(InputStream in) {
        return TestJars.bytes(in);
    }
}
