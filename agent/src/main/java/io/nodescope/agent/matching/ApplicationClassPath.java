package io.nodescope.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class path an application runs with, from what an operator has at hand: plain jars and
 * class directories as they are, and an executable Spring Boot jar ({@code BOOT-INF/classes},
 * {@code BOOT-INF/lib/*.jar}) or a WAR ({@code WEB-INF/classes}, {@code WEB-INF/lib/*.jar})
 * unpacked into a temporary directory, removed on {@link #close()}.
 */
final class ApplicationClassPath implements AutoCloseable {

    private static final List<String[]> PACKAGED_LAYOUTS = List.of(
            new String[] {"BOOT-INF/classes/", "BOOT-INF/lib/"},
            new String[] {"WEB-INF/classes/", "WEB-INF/lib/"});

    private final List<Path> entries;
    private final List<Path> unpacked;

    private ApplicationClassPath(List<Path> entries, List<Path> unpacked) {
        this.entries = entries;
        this.unpacked = unpacked;
    }

    static ApplicationClassPath of(List<Path> given) throws IOException {
        List<Path> entries = new ArrayList<>();
        List<Path> unpacked = new ArrayList<>();
        try {
            for (Path entry : given) {
                String[] layout = Files.isDirectory(entry) ? null : packagedLayout(entry);
                if (layout == null) {
                    entries.add(entry);
                } else {
                    Path folder = Files.createTempDirectory("nodescope-match-");
                    unpacked.add(folder);
                    entries.addAll(unpack(entry, layout, folder));
                }
            }
        } catch (IOException | RuntimeException e) {
            new ApplicationClassPath(entries, unpacked).close();
            throw e;
        }
        return new ApplicationClassPath(entries, unpacked);
    }

    /** The jars and class directories, the application's own classes first. */
    List<Path> entries() {
        return entries;
    }

    private static String[] packagedLayout(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String[] layout : PACKAGED_LAYOUTS) {
                if (file.getEntry(layout[0]) != null || hasEntryUnder(file, layout[0])) {
                    return layout;
                }
            }
        }
        return null;
    }

    private static boolean hasEntryUnder(JarFile file, String prefix) {
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
            if (entries.nextElement().getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The classes folder and each library jar of a packaged application, copied under {@code folder}. */
    private static List<Path> unpack(Path jar, String[] layout, Path folder) throws IOException {
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path libraries = Files.createDirectories(folder.resolve("lib"));
        List<Path> jars = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                Path target;
                if (name.startsWith(layout[0])) {
                    target = inside(classes, name.substring(layout[0].length()));
                } else if (name.startsWith(layout[1]) && name.endsWith(".jar") && name.indexOf('/', layout[1].length()) < 0) {
                    target = inside(libraries, name.substring(layout[1].length()));
                    jars.add(target);
                } else {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<Path> entries = new ArrayList<>();
        entries.add(classes);
        entries.addAll(jars);
        return entries;
    }

    /** {@code relative} under {@code folder}; an entry name that climbs out of it ({@code ../}) is refused. */
    private static Path inside(Path folder, String relative) throws IOException {
        Path target = folder.resolve(relative).normalize();
        if (!target.startsWith(folder)) {
            throw new IOException("the archive entry " + relative + " points outside the archive");
        }
        return target;
    }

    @Override
    public void close() {
        for (Path folder : unpacked) {
            try {
                Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                        Files.delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + folder, e);
            }
        }
    }
}
