package io.nodescope.agent.matching;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory of class files on a class path. Whether it has a package's directory is asked of
 * the file system once per package: most ancestors looked for are the libraries', whose packages
 * an application's class directory lacks, and asking for each class file in it took some 40 % of
 * finding the ancestors' class files on the Spring Boot service's class path (a profile of its
 * start). A package directory made after its first lookup is not seen: its classes are looked for
 * in the entries after this one.
 */
final class ClassDirectory {

    private final Path root;
    private final Map<String, Boolean> packages = new ConcurrentHashMap<>();

    ClassDirectory(Path root) {
        this.root = root;
    }

    /** The class file at {@code resource} ({@code org/example/Name.class}); null when the directory has none. */
    InputStream open(String resource) throws IOException {
        int slash = resource.lastIndexOf('/');
        if (slash > 0 && !hasPackage(resource.substring(0, slash))) {
            return null;
        }
        Path file = root.resolve(resource);
        return Files.isRegularFile(file) ? new ByteArrayInputStream(Files.readAllBytes(file)) : null;
    }

    private boolean hasPackage(String directory) {
        Boolean known = packages.get(directory);
        if (known == null) {
            known = Files.isDirectory(root.resolve(directory));
            packages.put(directory, known);
        }
        return known;
    }
}
