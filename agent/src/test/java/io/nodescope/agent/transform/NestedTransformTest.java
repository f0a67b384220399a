package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.fixture.Handlers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class the transformer is handed while it already runs on the thread (a class the node's loader
 * loads while the transformer reads an ancestor through it) loads as it is; the next one is
 * transformed again.
 */
class NestedTransformTest {

    private static final String PUBLISH = "io/nodescope/fixture/Handlers$PublishHandler";
    private static final String LEGACY = "io/nodescope/fixture/Handlers$LegacyHandler";

    @TempDir
    Path dir;

    @Test
    void aClassHandedOverWhileTheTransformerRunsLoadsAsItIs() throws Exception {
        ClassTransformer transformer = HandlerTransformer.of(dir);
        URL classes = Handlers.class.getProtectionDomain().getCodeSource().getLocation();
        List<byte[]> nested = new ArrayList<>();
        try (URLClassLoader plain = new URLClassLoader(new URL[] {classes}, null)) {
            byte[] legacy = read(plain, LEGACY);
            try (URLClassLoader loading = new URLClassLoader(new URL[] {classes}, null) {
                @Override
                public InputStream getResourceAsStream(String name) {
                    nested.add(transformer.transform(null, this, LEGACY, null, null, legacy));
                    return super.getResourceAsStream(name);
                }
            }) {
                assertNotNull(transformer.transform(null, loading, PUBLISH, null, null, read(plain, PUBLISH)));
                assertTrue(!nested.isEmpty(), "the ancestors were read through the loader");
                assertEquals(nested.size(), nested.stream().filter(bytes -> bytes == null).count(), "transformed while transforming");
                assertNotNull(transformer.transform(null, loading, LEGACY, null, null, legacy), "the next class is transformed");
            }
        }
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
