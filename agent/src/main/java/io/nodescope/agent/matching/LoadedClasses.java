package io.nodescope.agent.matching;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * The classes a class loader has already loaded, by name, without loading any: a class's ancestors
 * are mostly loaded before it, and reading them from the loaded class spares finding and reading
 * their class files (some 100 µs each through a class path of many jars). Reached through the
 * loader's own {@code findLoadedClass}, which the agent opens to itself.
 */
final class LoadedClasses {

    private static volatile MethodHandle findLoadedClass;

    private LoadedClasses() {
    }

    /** From now on {@link #find} answers; until then, or if the JVM refuses, it never does. */
    static void open(Instrumentation instrumentation) throws ReflectiveOperationException {
        Module javaBase = ClassLoader.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(LoadedClasses.class.getModule())), Set.of(),
                Map.of());
        findLoadedClass = MethodHandles.privateLookupIn(ClassLoader.class, MethodHandles.lookup())
                .findVirtual(ClassLoader.class, "findLoadedClass", MethodType.methodType(Class.class, String.class));
    }

    /** The class {@code loader} has loaded (or was asked for and got from a parent) by this name; null when none, or not known. */
    static Class<?> find(ClassLoader loader, String name) {
        MethodHandle find = findLoadedClass;
        if (find == null || loader == null) {
            return null;
        }
        try {
            return (Class<?>) find.invokeExact(loader, name);
        } catch (Throwable e) {
            return null;
        }
    }
}
