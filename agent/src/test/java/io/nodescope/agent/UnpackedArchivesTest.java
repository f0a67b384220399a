package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedArchivesTest {

    private static final byte[] CONTENT = "the nested archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private String tmpdir;
    private Path own;

    @BeforeEach
    void useOwnTmpdir() {
        tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        own = dir.resolve("nodescope-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @AfterEach
    void restoreTmpdir() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    @Test
    void unpacksOnceIntoTheUsersOwnDirectoryAndReusesIt() throws IOException {
        Path agentJar = agentJar();
        UnpackedArchives.Unpacked first = unpack(agentJar);
        assertFalse(first.temporary);
        assertEquals(own, first.file.getParent());
        assertArrayEquals(CONTENT, Files.readAllBytes(first.file));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(own));

        // Marked in place, same size: a second start opens the file as it is, unpacking nothing.
        byte[] marked = CONTENT.clone();
        marked[0] = 'T';
        Files.write(first.file, marked);
        UnpackedArchives.Unpacked second = unpack(agentJar);
        assertEquals(first.file, second.file);
        assertArrayEquals(marked, Files.readAllBytes(second.file));
        try (Stream<Path> files = Files.list(own)) {
            assertEquals(List.of(first.file), files.collect(Collectors.toList()), "no partial file left");
        }
    }

    @Test
    void aDirectoryOthersMayWriteToIsNotUsed() throws IOException {
        Files.createDirectory(own);
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxrwxrwx"));
        UnpackedArchives.Unpacked unpacked = unpack(agentJar());
        assertTrue(unpacked.temporary);
        assertFalse(unpacked.file.startsWith(own), unpacked.file.toString());
        assertArrayEquals(CONTENT, Files.readAllBytes(unpacked.file));
        try (Stream<Path> files = Files.list(own)) {
            assertEquals(0, files.count());
        }
    }

    private static UnpackedArchives.Unpacked unpack(Path agentJar) throws IOException {
        try (JarFile outer = new JarFile(agentJar.toFile())) {
            return UnpackedArchives.unpack(outer, outer.getEntry(AgentLibraries.CORE));
        }
    }

    private Path agentJar() throws IOException {
        Path jar = dir.resolve("agent.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(AgentLibraries.CORE));
            out.write(CONTENT);
            out.closeEntry();
        }
        return jar;
    }
}
