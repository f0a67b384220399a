package io.nodescope.agent.matching;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files on the JVM's class path, found as the system class loader finds them (in class
 * path order, a jar's entries by name, a multi-release jar's for this JDK) without its URL-based
 * lookup: through the loader a class file costs 50–100 µs to find and open; on the Spring Boot
 * service, whose rule names only a supertype, the ancestors read so took the transformer's time
 * for classes no rule selects from 137–147 to 88 ms. It answers only where the loader's answer is
 * sure to be the same, and says null otherwise, for the loader to be asked: for a package of a
 * named module (the JDK's, or the application's on the module path: the loader takes those from
 * their module), past a jar whose manifest adds a {@code Class-Path} (the loader searches that
 * next), and for a class no entry has. Its jars are opened as they are first needed, as the
 * loader's are.
 */
final class SystemClassPath {

    private static final Object MISSING = new Object();
    private static volatile SystemClassPath ofTheJvm;

    private final List<Path> entries;
    private final Set<String> modulePackages;
    /** Per entry once looked at: a {@link JarFile}, a directory's {@link Path}, or {@link #MISSING}; read by every node thread. */
    private final AtomicReferenceArray<Object> opened;
    /** The first entry the loader's answer may come after, because of a manifest's {@code Class-Path}. */
    private volatile int end;

    SystemClassPath(List<Path> entries, Set<String> modulePackages) {
        this.entries = List.copyOf(entries);
        this.modulePackages = modulePackages;
        this.opened = new AtomicReferenceArray<>(entries.size());
        this.end = entries.size();
    }

    /** Of the system class loader when it is the JDK's own (not one set by {@code java.system.class.loader}), else null. */
    static SystemClassPath of(ClassLoader loader) {
        if (loader == null || !loader.getClass().getName().equals("jdk.internal.loader.ClassLoaders$AppClassLoader")) {
            return null;
        }
        SystemClassPath path = ofTheJvm;
        if (path == null) {
            synchronized (SystemClassPath.class) {
                path = ofTheJvm;
                if (path == null) {
                    path = new SystemClassPath(entries(System.getProperty("java.class.path", "")), modulePackages());
                    ofTheJvm = path;
                }
            }
        }
        return path;
    }

    private static List<Path> entries(String classPath) {
        List<Path> entries = new ArrayList<>();
        if (!classPath.isEmpty()) {
            for (String entry : classPath.split(File.pathSeparator, -1)) {
                try {
                    entries.add(Path.of(entry.isEmpty() ? "." : entry));
                } catch (InvalidPathException e) {
                    break;  // what the loader finds from here on, it is asked for
                }
            }
        }
        return entries;
    }

    private static Set<String> modulePackages() {
        Set<String> packages = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            ModuleDescriptor descriptor = module.getDescriptor();
            packages.addAll(descriptor == null ? module.getPackages() : descriptor.packages());
        }
        return packages;
    }

    /** The class file of {@code name} (binary, with dots) as the loader would find it; null when the loader must be asked. */
    InputStream open(String name) throws IOException {
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0 || modulePackages.contains(name.substring(0, lastDot))) {
            return null;
        }
        String resource = name.replace('.', '/') + ".class";
        for (int i = 0; i < entries.size() && i < end; i++) {
            Object entry = opened(i);
            if (entry instanceof JarFile) {
                JarFile jar = (JarFile) entry;
                ZipEntry file = jar.getEntry(resource);
                if (file != null) {
                    return jar.getInputStream(file);
                }
            } else if (entry instanceof Path) {
                Path file = ((Path) entry).resolve(resource);
                if (Files.isRegularFile(file)) {
                    return new ByteArrayInputStream(Files.readAllBytes(file));
                }
            }
        }
        return null;
    }

    private Object opened(int index) {
        Object entry = opened.get(index);
        return entry != null ? entry : open(index);
    }

    private synchronized Object open(int index) {
        if (opened.get(index) == null) {
            Path path = entries.get(index);
            if (Files.isDirectory(path)) {
                opened.set(index, path);
            } else if (Files.isRegularFile(path)) {
                opened.set(index, openJar(index, path));
            } else {
                opened.set(index, MISSING);
            }
        }
        return opened.get(index);
    }

    /** The jar, or {@link #MISSING} when it cannot be read, as the loader passes over it then. */
    private Object openJar(int index, Path path) {
        try {
            JarFile jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, JarFile.runtimeVersion());
            Manifest manifest = jar.getManifest();
            if (manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null) {
                end = index + 1;
            }
            return jar;
        } catch (IOException | RuntimeException e) {
            return MISSING;
        }
    }
}
