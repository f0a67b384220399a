package io.nodescope.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The class files of a {@link URLClassLoader} below the system class loader, found as it finds
 * them without its URL-based lookup: the system class loader's class path first
 * ({@link SystemClassPath}), then the loader's URLs in order, each jar as its URL's connection
 * opens it (the loader's own way: Spring Boot's executable jar nests its libraries, and its
 * connections open them; a jar on the file system or nested in one only, never a remote one), a
 * {@code file:} directory or jar directly. Through Spring Boot's loader
 * a class file took 140–360 µs to find and read, read so 60–110. Only for loaders whose lookup is
 * {@code URLClassLoader}'s (Spring Boot's overrides {@code findResource} to skip jars that lack
 * the entry, with the same answer); null otherwise, and where it is not sure of the loader's
 * answer, for the loader to be asked.
 */
final class UrlClassPath {

    /** Loaders that override {@code findResource} with {@code URLClassLoader}'s answer: Spring Boot 3.2 and later, and before. */
    private static final Set<String> SAME_LOOKUP = Set.of("org.springframework.boot.loader.net.protocol.jar.JarUrlClassLoader",
            "org.springframework.boot.loader.LaunchedURLClassLoader");
    private static final Map<ClassLoader, UrlClassPath> OF_LOADERS = Collections.synchronizedMap(new WeakHashMap<>());
    /** What {@link #of} answers for a loader it does not read for: the map's values must not be null. */
    private static final UrlClassPath NONE = new UrlClassPath(null, List.of());

    private final SystemClassPath parent;
    private final ClassPathEntries entries;

    private UrlClassPath(SystemClassPath parent, List<ClassPathEntries.Opener> openers) {
        this.parent = parent;
        this.entries = new ClassPathEntries(openers);
    }

    /** For a loader this reads as it would read itself; null for any other (the JDK's own, for one). */
    static UrlClassPath of(ClassLoader loader) {
        if (!(loader instanceof URLClassLoader)) {
            return null;
        }
        UrlClassPath path = OF_LOADERS.computeIfAbsent(loader, key -> read((URLClassLoader) key));
        return path == NONE ? null : path;
    }

    private static UrlClassPath read(URLClassLoader loader) {
        SystemClassPath parent = SystemClassPath.of(loader.getParent());
        if (parent == null || !looksUpAsUrlClassLoader(loader.getClass())) {
            return NONE;
        }
        List<ClassPathEntries.Opener> openers = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            openers.add(opener(url));
        }
        return new UrlClassPath(parent, openers);
    }

    /** Whether the loader's class finds resources as {@code URLClassLoader} does: parent first, then its URLs in order. */
    private static boolean looksUpAsUrlClassLoader(Class<?> type) {
        try {
            Class<?> finding = type.getMethod("findResource", String.class).getDeclaringClass();
            return type.getMethod("getResource", String.class).getDeclaringClass() == ClassLoader.class
                    && type.getMethod("getResourceAsStream", String.class).getDeclaringClass() == URLClassLoader.class
                    && (finding == URLClassLoader.class || SAME_LOOKUP.contains(finding.getName()));
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    private static ClassPathEntries.Opener opener(URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                // As URLClassLoader takes it: a directory when the URL ends with a slash, else a jar.
                Path path = Path.of(url.toURI());
                return url.getPath().endsWith("/") ? ClassPathEntries.directory(path) : ClassPathEntries.jar(path);
            } catch (URISyntaxException | IllegalArgumentException e) {
                return ClassPathEntries.UNREADABLE_ENTRY;
            }
        }
        if (!"jar".equals(url.getProtocol()) || !(url.getPath().startsWith("file:") || url.getPath().startsWith("nested:"))) {
            return ClassPathEntries.UNREADABLE_ENTRY;  // a remote jar is fetched by the loader, never from the transformer
        }
        return () -> {
            URLConnection connection = url.openConnection();
            // Its jar as the loader's lookup has it; open for as long as the loader is.
            return connection instanceof JarURLConnection ? ((JarURLConnection) connection).getJarFile() : ClassPathEntries.UNREADABLE;
        };
    }

    /** The class file of {@code name} (binary, with dots) as the loader would find it; null when the loader must be asked. */
    InputStream open(String name) throws IOException {
        InputStream classFile = parent.open(name);
        if (classFile != null || !parent.lacks(name)) {
            return classFile;
        }
        return entries.open(name.replace('.', '/') + ".class");
    }
}
