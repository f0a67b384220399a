package io.nodescope.agent.matching;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The class files of a class path's jars and directories, and behind them the JDK's, for the dry
 * run: found by name, in class path order, as a class loader over that path would find them.
 */
final class ClassPathFiles implements SupertypeIndex.ClassFiles, AutoCloseable {

    private final List<JarFile> jars = new ArrayList<>();
    /** Directories and jars, in class path order. */
    private final List<Object> order = new ArrayList<>();

    ClassPathFiles(List<Path> entries) throws IOException {
        try {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    order.add(entry);
                } else {
                    JarFile jar = new JarFile(entry.toFile());
                    jars.add(jar);
                    order.add(jar);
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The class file of {@code name} (binary, with dots), or null when neither the class path nor the JDK has it. */
    byte[] read(String name) throws IOException {
        try (InputStream in = open(null, name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    @Override
    public InputStream open(ClassLoader ignored, String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        for (Object entry : order) {
            if (entry instanceof JarFile) {
                JarFile jar = (JarFile) entry;
                ZipEntry file = jar.getEntry(resource);
                if (file != null) {
                    return jar.getInputStream(file);
                }
            } else {
                Path file = ((Path) entry).resolve(resource);
                if (Files.isRegularFile(file)) {
                    return new ByteArrayInputStream(Files.readAllBytes(file));
                }
            }
        }
        return ClassLoader.getPlatformClassLoader().getResourceAsStream(resource);
    }

    /** Nothing of a class path is loaded: everything is read from its class files. */
    @Override
    public Class<?> loaded(ClassLoader ignored, String name) {
        return null;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (JarFile jar : jars) {
            try {
                jar.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
