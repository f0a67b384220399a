package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nodescope.fixture.Handlers;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer's caches of what it read through a class loader (type descriptions, supertypes)
 * hold the loader weakly: a loader the node lets go is collected with no cleaning loop.
 */
class ClassLoaderCachesTest {

    @TempDir
    Path dir;

    @Test
    void aClassLoaderTheNodeLetsGoIsCollected() throws Exception {
        ClassTransformer transformer = HandlerTransformer.of(dir);
        WeakReference<ClassLoader> released = transformThroughThrowawayLoader(transformer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (released.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(released.get(), "the transformer's caches keep a class loader the node let go");
    }

    /** In a method of its own, so that no local variable of the test keeps the loader. */
    private static WeakReference<ClassLoader> transformThroughThrowawayLoader(ClassTransformer transformer) throws Exception {
        URL classes = Handlers.class.getProtectionDomain().getCodeSource().getLocation();
        String name = "io/nodescope/fixture/Handlers$PublishHandler";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
            byte[] classFile;
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                classFile = in.readAllBytes();
            }
            assertNotNull(transformer.transform(null, loader, name, null, null, classFile),
                    "the rule selects the class, its supertypes read through its loader");
            return new WeakReference<>(loader);
        }
    }
}
