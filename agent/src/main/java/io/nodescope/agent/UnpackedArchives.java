package io.nodescope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Where a nested archive of the agent jar is unpacked. Unpacking costs tens of milliseconds of the
 * node's start, so it is done once per archive content, into a directory of the user's own under
 * {@code java.io.tmpdir} ({@code nodescope-<user>}, owner-only), and every later start opens the
 * file there. The file's name carries the archive's CRC and size, and a file appears under that
 * name only complete (written aside, then moved). A directory that another user owns or may write
 * to is never used: then the archive goes to a fresh temporary file, deleted once open.
 */
final class UnpackedArchives {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private UnpackedArchives() {
    }

    /** The unpacked archive and whether it is the caller's own, to delete once open. */
    static final class Unpacked {
        final Path file;
        final boolean temporary;

        Unpacked(Path file, boolean temporary) {
            this.file = file;
            this.temporary = temporary;
        }
    }

    static Unpacked unpack(JarFile outer, ZipEntry entry) throws IOException {
        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1, entry.getName().lastIndexOf('.'));
        try {
            Path dir = ownDirectory();
            Path file = dir.resolve(name + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
            if (!complete(file, entry.getSize())) {
                Path partial = Files.createTempFile(dir, name + "-", ".part");
                try {
                    copy(outer, entry, partial);
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    // Another start may have moved its copy there first (Windows keeps an open file in place).
                    if (!complete(file, entry.getSize())) {
                        throw e;
                    }
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            return new Unpacked(file, false);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Path file = Files.createTempFile("nodescope-" + name + "-", ".jar");
            try {
                copy(outer, entry, file);
            } catch (IOException | RuntimeException failed) {
                Files.deleteIfExists(file);
                throw failed;
            }
            return new Unpacked(file, true);
        }
    }

    private static void copy(JarFile outer, ZipEntry entry, Path file) throws IOException {
        try (InputStream in = outer.getInputStream(entry)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean complete(Path file, long size) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size;
    }

    /** {@code java.io.tmpdir/nodescope-<user>}, made owner-only; refused unless the user owns it alone. */
    private static Path ownDirectory() throws IOException {
        String user = System.getProperty("user.name");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "nodescope-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (posix) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (FileAlreadyExistsException e) {
                // made by another start a moment ago; checked below like any other
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        if (posix) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            if (!attributes.permissions().equals(OWNER_ONLY) || !attributes.owner().equals(owner)) {
                throw new IOException(dir + " is not " + user + "'s alone");
            }
        }
        return dir;
    }
}
