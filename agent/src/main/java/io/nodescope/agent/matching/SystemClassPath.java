package io.nodescope.agent.matching;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    private static volatile SystemClassPath ofTheJvm;

    private final ClassPathEntries entries;
    private final Set<String> modulePackages;

    private SystemClassPath(ClassPathEntries entries, Set<String> modulePackages) {
        this.entries = entries;
        this.modulePackages = modulePackages;
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
                    path = of(System.getProperty("java.class.path", ""), modulePackages());
                    ofTheJvm = path;
                }
            }
        }
        return path;
    }

    /** The class path {@code classPath} (as {@code java.class.path} lists it), the packages in {@code modulePackages} left to the loader. */
    static SystemClassPath of(String classPath, Set<String> modulePackages) {
        List<ClassPathEntries.Opener> openers = new ArrayList<>();
        if (!classPath.isEmpty()) {
            for (String entry : classPath.split(File.pathSeparator, -1)) {
                try {
                    openers.add(ClassPathEntries.file(Path.of(entry.isEmpty() ? "." : entry)));
                } catch (InvalidPathException e) {
                    openers.add(ClassPathEntries.UNREADABLE_ENTRY);  // what the loader finds from here on, it is asked for
                    break;
                }
            }
        }
        return new SystemClassPath(new ClassPathEntries(openers), modulePackages);
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
        return inModulePackage(name) ? null : entries.open(name.replace('.', '/') + ".class");
    }

    /**
     * Whether, once {@link #open} found no class file of {@code name}, the loader would find none
     * either on its class path (a class another agent appends to the boot class path aside).
     */
    boolean lacks(String name) {
        return !inModulePackage(name) && entries.complete();
    }

    private boolean inModulePackage(String name) {
        int lastDot = name.lastIndexOf('.');
        return lastDot < 0 || modulePackages.contains(name.substring(0, lastDot));
    }
}
