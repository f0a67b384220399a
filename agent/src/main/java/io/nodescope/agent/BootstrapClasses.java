package io.nodescope.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines the bootstrap classes (the dispatch that advice calls into) in the bootstrap class
 * loader, so that instrumented code in every class loader, the JDK's included, resolves one and
 * the same class. It must run before any agent class that refers to them is loaded.
 */
final class BootstrapClasses {

    private static final String RESOURCE = "nodescope-bootstrap.jar";
    /** From this release on the JVM warns on every use of sun.misc.Unsafe's memory access, which the injector needs. */
    private static final int UNSAFE_WARNS_FROM = 24;

    private BootstrapClasses() {
    }

    static void define(Instrumentation instrumentation) throws IOException {
        byte[] jar = embeddedJar();
        if (Runtime.version().feature() < UNSAFE_WARNS_FROM) {
            ClassInjector.UsingUnsafe.Factory unsafe = ClassInjector.UsingUnsafe.Factory.resolve(instrumentation);
            if (unsafe.isAvailable()) {
                // Defined directly, class data sharing stays on for the node's classes and the JVM prints no warning.
                unsafe.make(null).injectRaw(classes(jar));
                return;
            }
        }
        // ByteBuddy then avoids Unsafe too. The property name is relocated with ByteBuddy, so the node never sees it.
        System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        // Appending to the bootstrap path works everywhere; the JVM then notes that it shares only boot classes.
        Path file = Files.createTempFile("nodescope-bootstrap", ".jar");
        file.toFile().deleteOnExit();
        Files.write(file, jar);
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
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
