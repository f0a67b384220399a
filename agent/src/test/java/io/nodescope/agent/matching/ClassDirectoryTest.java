package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDirectoryTest {

    @TempDir
    Path root;

    @Test
    void findsTheClassFilesOfItsPackagesAndNoneOfAPackageItLacks() throws IOException {
        write("org/example/app/Service.class", "service");
        write("Top.class", "top");
        ClassDirectory directory = new ClassDirectory(root);
        assertArrayEquals(bytes("service"), read(directory, "org/example/app/Service.class"));
        assertArrayEquals(bytes("top"), read(directory, "Top.class"));
        assertNull(directory.open("org/example/app/Missing.class"));
        assertNull(directory.open("org/example/lib/Base.class"), "no such package");
        assertNull(directory.open("org/example/app/inner/Base.class"), "no such package below one that is there");
    }

    @Test
    void aClassFileWrittenLaterInAPackageItHasIsFound() throws IOException {
        write("org/example/app/Service.class", "service");
        ClassDirectory directory = new ClassDirectory(root);
        assertNull(directory.open("org/example/app/Later.class"));
        write("org/example/app/Later.class", "later");
        assertArrayEquals(bytes("later"), read(directory, "org/example/app/Later.class"));
    }

    private void write(String resource, String content) throws IOException {
        Path file = root.resolve(resource);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes(content));
    }

    private static byte[] read(ClassDirectory directory, String resource) throws IOException {
        try (InputStream in = directory.open(resource)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
