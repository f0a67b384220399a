package io.nodescope.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the rules' supertypes a class is or inherits, from the class files of its ancestors
 * as its class loader finds them. Each ancestor is read once per loader; a class file that cannot
 * be read counts as reaching every supertype, so that the filter stays on the safe side. It reads
 * through the class loader itself, not ByteBuddy: the node's threads filter classes while the
 * agent's start still initializes ByteBuddy on its own thread, and must not wait for that.
 */
final class SupertypeIndex {

    /** Deeper than any real hierarchy; only broken class files that name each other in a circle get here. */
    private static final int MAX_DEPTH = 100;

    private final Set<String> wanted;
    private final boolean wantsJdkTypes;
    /** Per loader, weakly: the values are names only, so a loader the node lets go is collected, with no cleaning loop. */
    private final Map<ClassLoader, Map<String, Set<String>>> reachedPerLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, Set<String>> reachedByBootTypes = new ConcurrentHashMap<>();

    SupertypeIndex(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
        this.wantsJdkTypes = wanted.stream().anyMatch(RuleMatchers::isJdkName);
    }

    /** The wanted supertypes the class with this header is or inherits. */
    Set<String> reached(ClassLoader loader, ClassFileHeader header) {
        if (wanted.isEmpty()) {
            return Set.of();
        }
        return reached(loader, header, reachedBy(loader), 0);
    }

    private Map<String, Set<String>> reachedBy(ClassLoader loader) {
        return loader == null ? reachedByBootTypes : reachedPerLoader.computeIfAbsent(loader, key -> new ConcurrentHashMap<>());
    }

    private Set<String> reached(ClassLoader loader, ClassFileHeader header, Map<String, Set<String>> known, int depth) {
        Set<String> reached = new HashSet<>();
        if (wanted.contains(header.name())) {
            reached.add(header.name());
        }
        if (header.superName() != null) {
            reached.addAll(reachedByName(loader, header.superName(), known, depth + 1));
        }
        for (String name : header.interfaceNames()) {
            reached.addAll(reachedByName(loader, name, known, depth + 1));
        }
        return reached.isEmpty() ? Set.of() : reached;
    }

    private static boolean isJavaName(String name) {
        return name.startsWith("java.");
    }

    private Set<String> reachedByName(ClassLoader loader, String name, Map<String, Set<String>> known, int depth) {
        if (isJavaName(name)) {
            if (!wantsJdkTypes) {
                return Set.of();  // only the JDK defines java.* classes, and their ancestors are the JDK's too
            }
            if (loader != null) {
                // The same class whichever loader asks: read once for all of them, through the JDK's own.
                return reachedByName(null, name, reachedByBootTypes, depth);
            }
        }
        Set<String> cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        if (depth > MAX_DEPTH) {
            return wanted;
        }
        Set<String> reached;
        try (InputStream classFile = classFileOf(loader, name)) {
            reached = classFile == null ? wanted : reached(loader, ClassFileHeader.read(classFile.readAllBytes()), known, depth);
        } catch (IOException | RuntimeException e) {
            reached = wanted;
        }
        known.put(name, reached);
        return reached;
    }

    /** The boot loader's classes are found through the system loader, which asks the boot loader first. */
    private static InputStream classFileOf(ClassLoader loader, String name) {
        String resource = name.replace('.', '/') + ".class";
        return loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
    }
}
