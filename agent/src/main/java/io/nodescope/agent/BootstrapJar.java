package io.nodescope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap classes (the dispatch advice calls into) on the bootstrap class path, so that
 * instrumented code in every class loader, the JDK's included, resolves one and the same class.
 * It must run before any agent class that refers to them is loaded.
 */
final class BootstrapJar {

    private static final String RESOURCE = "nodescope-bootstrap.jar";

    private BootstrapJar() {
    }

    static void appendTo(Instrumentation instrumentation) throws IOException {
        Path file = Files.createTempFile("nodescope-bootstrap", ".jar");
        file.toFile().deleteOnExit();
        try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + RESOURCE + "; it was not built with its bootstrap classes");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
    }
}
