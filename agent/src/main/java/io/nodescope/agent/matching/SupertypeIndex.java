package io.nodescope.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the rules' supertypes a class is or inherits, from the class files of its ancestors
 * as its class loader finds them. Each ancestor is read once per loader. It reads through the
 * class loader itself, not a library's type descriptions: the node's threads filter and match
 * classes while the agent's start still runs on its own thread, and must not wait for that.
 */
final class SupertypeIndex {

    /** Where the class files of a class's ancestors are found. */
    interface ClassFiles {
        /** The class file of the class {@code name} (binary, with dots) as {@code loader} (null: the JDK's) finds it; null when it does not. */
        InputStream open(ClassLoader loader, String name) throws IOException;

        /** The class {@code name} if {@code loader} already loaded it, to read its ancestors from; else null. */
        Class<?> loaded(ClassLoader loader, String name);
    }

    /**
     * Through the class loaders: a class they already loaded from the class itself ({@link LoadedClasses}),
     * else from its class file, the system loader's and a {@code URLClassLoader}'s below it found on
     * their class paths as they would ({@link SystemClassPath}, {@link UrlClassPath}); the boot
     * loader's through the system loader, which asks the boot loader first.
     */
    static final ClassFiles LOADERS = new ClassFiles() {
        @Override
        public InputStream open(ClassLoader loader, String name) {
            try {
                SystemClassPath systemClassPath = SystemClassPath.of(loader);
                InputStream classFile = systemClassPath != null ? systemClassPath.open(name) : openOnUrls(loader, name);
                if (classFile != null) {
                    return classFile;
                }
            } catch (IOException | RuntimeException e) {
                // the loader is asked, as for a class the class path does not have
            }
            String resource = name.replace('.', '/') + ".class";
            return loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
        }

        private InputStream openOnUrls(ClassLoader loader, String name) throws IOException {
            UrlClassPath urlClassPath = UrlClassPath.of(loader);
            return urlClassPath == null ? null : urlClassPath.open(name);
        }

        @Override
        public Class<?> loaded(ClassLoader loader, String name) {
            return LoadedClasses.find(loader, name);
        }
    };

    /** Deeper than any real hierarchy; only broken class files that name each other in a circle get here. */
    private static final int MAX_DEPTH = 100;

    private final Set<String> wanted;
    private final boolean wantsJdkTypes;
    private final ClassFiles classFiles;
    /** Read every ancestor, wanted or not, so that {@link Ancestors#allFound} tells a class that could not load. */
    private final boolean everyAncestor;
    /** Per loader, weakly: the values are names only, so a loader the node lets go is collected, with no cleaning loop. */
    private final Map<ClassLoader, Map<String, Ancestors>> reachedPerLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Ancestors> reachedByBootTypes = new ConcurrentHashMap<>();

    SupertypeIndex(Set<String> wanted, ClassFiles classFiles, boolean everyAncestor) {
        this.wanted = Set.copyOf(wanted);
        this.wantsJdkTypes = wanted.stream().anyMatch(RuleMatchers::isJdkName);
        this.classFiles = classFiles;
        this.everyAncestor = everyAncestor;
    }

    /** The wanted supertypes the class with this outline is or inherits. */
    Ancestors reached(ClassLoader loader, ClassOutline outline) {
        if (wanted.isEmpty() && !everyAncestor) {
            return Ancestors.NONE;
        }
        return reached(loader, outline, reachedBy(loader), 0);
    }

    private Map<String, Ancestors> reachedBy(ClassLoader loader) {
        return loader == null ? reachedByBootTypes : reachedPerLoader.computeIfAbsent(loader, key -> new ConcurrentHashMap<>());
    }

    private Ancestors reached(ClassLoader loader, ClassOutline outline, Map<String, Ancestors> known, int depth) {
        return reached(loader, outline.name(), outline.superName(), outline.interfaceNames(), known, depth);
    }

    /**
     * The same from a loaded class, whose ancestors are loaded too: followed as classes, each cached
     * for the loader that defined it (the JDK's too, whose class files are then not read).
     */
    private Ancestors reached(Class<?> loaded, int depth) {
        String name = loaded.getName();
        if (isJavaName(name) && !wantsJdkTypes && !everyAncestor) {
            return Ancestors.NONE;
        }
        Map<String, Ancestors> known = reachedBy(loaded.getClassLoader());
        Ancestors cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            return Ancestors.unreadable();
        }
        Ancestors reached = wanted.contains(name) ? Ancestors.NONE.and(name) : Ancestors.NONE;
        if (loaded.getSuperclass() != null) {
            reached = reached.and(reached(loaded.getSuperclass(), depth + 1));
        }
        for (Class<?> implemented : loaded.getInterfaces()) {
            reached = reached.and(reached(implemented, depth + 1));
        }
        known.put(name, reached);
        return reached;
    }

    /** {@code superName} null for a class without one. */
    private Ancestors reached(ClassLoader loader, String name, String superName, List<String> interfaceNames, Map<String, Ancestors> known,
            int depth) {
        Ancestors reached = wanted.contains(name) ? Ancestors.NONE.and(name) : Ancestors.NONE;
        if (superName != null) {
            reached = reached.and(reachedByName(loader, superName, known, depth + 1));
        }
        for (String implemented : interfaceNames) {
            reached = reached.and(reachedByName(loader, implemented, known, depth + 1));
        }
        return reached;
    }

    private static boolean isJavaName(String name) {
        return name.startsWith("java.");
    }

    private Ancestors reachedByName(ClassLoader loader, String name, Map<String, Ancestors> known, int depth) {
        if (isJavaName(name)) {
            if (!wantsJdkTypes && !everyAncestor) {
                return Ancestors.NONE;  // only the JDK defines java.* classes, and their ancestors are the JDK's too
            }
            if (loader != null) {
                // The same class whichever loader asks: read once for all of them, from the class when the
                // loader has loaded it (it has, for the JDK's ancestors of the classes it defined), else through the JDK's own.
                Ancestors cached = reachedByBootTypes.get(name);
                if (cached != null) {
                    return cached;
                }
                Class<?> loaded = classFiles.loaded(loader, name);
                return loaded != null ? reached(loaded, depth) : reachedByName(null, name, reachedByBootTypes, depth);
            }
        }
        Ancestors cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            return Ancestors.unreadable();
        }
        Class<?> loaded = loader == null ? null : classFiles.loaded(loader, name);
        Ancestors reached;
        if (loaded != null) {
            reached = reached(loaded, depth);
        } else {
            try (InputStream classFile = classFiles.open(loader, name)) {
                reached = classFile == null ? Ancestors.unreadable() : reached(loader, ClassOutline.read(classFile.readAllBytes()), known, depth);
            } catch (IOException | RuntimeException e) {
                reached = Ancestors.unreadable();
            }
        }
        known.put(name, reached);
        return reached;
    }
}
