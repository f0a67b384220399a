package io.nodescope.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The agent's libraries and the code that uses them, nested in the agent jar as archives of their
 * own, so that the JVM, which reads the agent jar's directory at every start, finds there only what
 * deciding whether to start needs (the config reader, the OpenTelemetry API the rule kinds name):
 * {@code lib/core.jar} holds the rest of the agent with ByteBuddy, the OpenTelemetry SDK and
 * exporters and the Prometheus client, opened once a signal is on; {@code lib/grpc.jar} holds the
 * OkHttp sender with OkHttp, Okio and the Kotlin library, opened by the first gRPC exporter.
 *
 * <p>An archive's entries are stored and the archive is compressed as a whole in the agent jar,
 * which keeps the jar small; it is unpacked once to the user's own directory under
 * {@code java.io.tmpdir} ({@link UnpackedArchives}). Run from a classes directory (the unit tests), there is no
 * archive and every class is on the one class path, as with a plain jar of the agent's classes.
 */
public final class AgentLibraries {

    static final String CORE = "lib/core.jar";
    static final String GRPC = "lib/grpc.jar";

    private static ClassLoader core;
    private static ClassLoader grpc;

    private AgentLibraries() {
    }

    /** The loader of the agent's runtime: the rules' rewriting, the signals and their libraries. */
    public static synchronized ClassLoader core() {
        if (core == null) {
            core = open(CORE, AgentLibraries.class.getClassLoader());
        }
        return core;
    }

    /** The loader of the OTLP/gRPC sender and its libraries, below {@link #core()}. */
    public static synchronized ClassLoader grpc() {
        if (grpc == null) {
            grpc = open(GRPC, core());
        }
        return grpc;
    }

    private static ClassLoader open(String archive, ClassLoader parent) {
        ProtectionDomain domain = AgentLibraries.class.getProtectionDomain();
        Path agentJar = agentJar(domain.getCodeSource());
        if (agentJar == null) {
            return parent;
        }
        try (JarFile outer = new JarFile(agentJar.toFile())) {
            ZipEntry entry = outer.getEntry(archive);
            if (entry == null) {
                // A plain jar of the agent's classes, its libraries beside it on the class path.
                return parent;
            }
            UnpackedArchives.Unpacked unpacked = UnpackedArchives.unpack(outer, entry);
            JarFile opened = new JarFile(unpacked.file.toFile(), false);
            if (unpacked.temporary) {
                release(unpacked.file);
            }
            return new ArchiveClassLoader("nodescope-" + archive, opened, parent, domain);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " of " + agentJar + " to " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** The open file stays readable once deleted, except on Windows: there it goes when the JVM exits. */
    private static void release(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    /** The agent jar this class was loaded from, or null when it runs from a classes directory. */
    private static Path agentJar(CodeSource source) {
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
