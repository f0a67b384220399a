package io.nodescope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Loads the classes and resources of one archive nested in the agent jar, itself first: its
 * classes are the agent's own or relocated, found nowhere else, and asking the parent first would
 * search the node's whole class path for each of them. What the archive lacks (the JDK, the
 * agent's thin part, the other archive's parent) comes from the parent.
 *
 * <p>The archive's file may be deleted once open: classes and resources are read through the open
 * {@link JarFile}, resources' URLs included.
 */
final class ArchiveClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String PROTOCOL = "nodescope-archive";

    private final JarFile archive;
    private final ProtectionDomain domain;
    private final URLStreamHandler entries = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    ZipEntry entry = archive.getEntry(url.getPath().substring(1));
                    if (entry == null) {
                        throw new IOException("no " + url.getPath() + " in " + archive.getName());
                    }
                    return archive.getInputStream(entry);
                }
            };
        }
    };

    ArchiveClassLoader(String name, JarFile archive, ClassLoader parent, ProtectionDomain domain) {
        super(name, parent);
        this.archive = archive;
        this.domain = domain;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                ZipEntry entry = archive.getEntry(name.replace('.', '/') + ".class");
                type = entry == null ? getParent().loadClass(name) : define(name, entry);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> define(String name, ZipEntry entry) throws ClassNotFoundException {
        try (InputStream in = archive.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " cannot be read from " + archive.getName(), e);
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> found = Collections.list(findResources(name));
        found.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(found);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        ZipEntry entry = archive.getEntry(name);
        if (entry == null) {
            return getParent().getResourceAsStream(name);
        }
        try {
            return archive.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected URL findResource(String name) {
        if (archive.getEntry(name) == null) {
            return null;
        }
        try {
            return new URL(PROTOCOL, null, -1, "/" + name, entries);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL own = findResource(name);
        return own == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(own));
    }
}
