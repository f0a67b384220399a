package io.nodescope.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Defines the bootstrap classes (the dispatch that advice calls into) in the bootstrap class
 * loader, so that instrumented code in every class loader, the JDK's included, resolves one and
 * the same class. It must run before any agent class that refers to them is loaded.
 */
final class BootstrapClasses {

    private static final String RESOURCE = "nodescope-bootstrap.jar";
    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

    private BootstrapClasses() {
    }

    static void define(Instrumentation instrumentation) throws IOException {
        // ByteBuddy's own use of sun.misc.Unsafe draws warnings on newer JDKs and is not needed here. The
        // property (ClassInjector.UsingUnsafe.SAFE_PROPERTY) is named, not referenced, as ByteBuddy is not in
        // this class's loader; the name is relocated with ByteBuddy, so the node never sees it.
        System.setProperty("net.bytebuddy.safe", "true");
        byte[] jar = embeddedJar();
        try {
            defineInBootLoader(instrumentation, classes(jar));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Appending to the bootstrap path works everywhere; the JVM then notes that it shares only boot classes.
            Path file = Files.createTempFile("nodescope-bootstrap", ".jar");
            file.toFile().deleteOnExit();
            Files.write(file, jar);
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
        }
    }

    /**
     * Defines the classes with the JDK's internal Unsafe, opened to the agent alone through the
     * instrumentation: unlike appending a jar, this keeps class data sharing on for the node's classes,
     * and unlike sun.misc.Unsafe it draws no deprecation warning on newer JDKs.
     */
    private static void defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of(INTERNAL_PACKAGE, Set.of(BootstrapClasses.class.getModule())), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName(INTERNAL_PACKAGE + ".Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeType.getMethod("defineClass",
                String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        for (Map.Entry<String, byte[]> type : classes.entrySet()) {
            defineClass.invoke(unsafe, type.getKey(), type.getValue(), 0, type.getValue().length, null, null);
        }
    }

    private static byte[] embeddedJar() throws IOException {
        try (InputStream in = BootstrapClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + RESOURCE + "; it was not built with its bootstrap classes");
            }
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> classes(byte[] jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }
}
