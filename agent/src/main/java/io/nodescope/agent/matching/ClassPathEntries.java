package io.nodescope.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A class loader's class path searched as the loader searches it, without its URL-based lookup:
 * entry by entry in order (a jar's entries by name, a directory's files), each entry opened as it
 * is first needed. A jar whose manifest adds a {@code Class-Path}, or an entry that cannot be
 * opened the way the loader opens it, ends what this searches: the loader searches further entries
 * there first, so a class not found before that is the loader's to find ({@link #complete()}).
 */
final class ClassPathEntries {

    /** Opens one entry: a {@link JarFile}, a {@link ClassDirectory}, {@link #MISSING} or {@link #UNREADABLE}. */
    interface Opener {
        Object open() throws IOException;
    }

    /** An entry the loader passes over (not there, not a jar it can read). */
    static final Object MISSING = new Object();
    /** An entry the loader reads in a way this does not: the search ends before it. */
    static final Object UNREADABLE = new Object();
    /** The opener of such an entry. */
    static final Opener UNREADABLE_ENTRY = () -> UNREADABLE;

    private final List<Opener> openers;
    /** Per entry once looked at; read by every node thread. */
    private final AtomicReferenceArray<Object> opened;
    /** The first entry not searched here. */
    private volatile int end;

    ClassPathEntries(List<Opener> openers) {
        this.openers = List.copyOf(openers);
        this.opened = new AtomicReferenceArray<>(openers.size());
        this.end = openers.size();
    }

    /** A jar or a directory on the file system, whichever it is (as the system class loader takes its class path). */
    static Opener file(Path path) {
        return () -> Files.isDirectory(path) ? new ClassDirectory(path) : openJar(path);
    }

    /** A jar on the file system, as the JDK's loaders read it (a multi-release jar for this JDK). */
    static Opener jar(Path path) {
        return () -> openJar(path);
    }

    /** A directory of class files. */
    static Opener directory(Path path) {
        return () -> Files.isDirectory(path) ? new ClassDirectory(path) : MISSING;
    }

    private static Object openJar(Path path) {
        if (!Files.isRegularFile(path)) {
            return MISSING;
        }
        try {
            return new JarFile(path.toFile(), false, JarFile.OPEN_READ, JarFile.runtimeVersion());
        } catch (IOException | RuntimeException e) {
            return MISSING;
        }
    }

    /** The class file at {@code resource} ({@code org/example/Name.class}) in the first entry that has it; null when none before the end has. */
    InputStream open(String resource) throws IOException {
        for (int i = 0; i < end; i++) {
            Object entry = opened(i);
            if (entry instanceof JarFile) {
                JarFile jar = (JarFile) entry;
                ZipEntry file = jar.getEntry(resource);
                if (file != null) {
                    return jar.getInputStream(file);
                }
            } else if (entry instanceof ClassDirectory) {
                InputStream classFile = ((ClassDirectory) entry).open(resource);
                if (classFile != null) {
                    return classFile;
                }
            }
        }
        return null;
    }

    /** Whether the search so far covered every entry, so that a class it did not find is on none of them. */
    boolean complete() {
        return end == openers.size();
    }

    private Object opened(int index) {
        Object entry = opened.get(index);
        return entry != null ? entry : open(index);
    }

    private synchronized Object open(int index) {
        if (opened.get(index) == null) {
            Object entry;
            try {
                entry = openers.get(index).open();
            } catch (IOException | RuntimeException e) {
                entry = UNREADABLE;
            }
            if (entry == UNREADABLE) {
                end = Math.min(end, index);
            } else if (entry instanceof JarFile && addsClassPath((JarFile) entry)) {
                end = Math.min(end, index + 1);
            }
            opened.set(index, entry);
        }
        return opened.get(index);
    }

    private static boolean addsClassPath(JarFile jar) {
        try {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null;
        } catch (IOException | RuntimeException e) {
            return true;  // what the loader makes of it is for the loader to say
        }
    }
}
