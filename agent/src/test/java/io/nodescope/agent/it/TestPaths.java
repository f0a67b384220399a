package io.nodescope.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the built artifacts and repository files are, as the build passes them to the tests. */
final class TestPaths {

    private TestPaths() {
    }

    static Path agentJar() {
        return existing(System.getProperty("nodescope.agent.jar", "target/nodescope-agent.jar"));
    }

    static Path sampleNodeJar() {
        return existing(System.getProperty("nodescope.sample.jar", "../sample-node/target/sample-node.jar"));
    }

    /** The Spring service test application's class path: its classes, then its libraries, as its build wrote them. */
    static String springServiceClassPath() {
        Path target = existing(System.getProperty("nodescope.spring.app", "../test-apps/spring-service/target"));
        try {
            return existing(target.resolve("classes").toString()) + File.pathSeparator
                    + Files.readString(existing(target.resolve("classpath.txt").toString())).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spring web shop test application's executable jar, its libraries nested in it. */
    static Path springWebJar() {
        return existing(System.getProperty("nodescope.spring.web.jar", "../test-apps/spring-web/target/spring-web.jar"));
    }

    /** A file of the repository, from the agent module's directory. */
    static Path repositoryFile(String relative) {
        return existing("../" + relative);
    }

    /** The JDKs the tests run the node on: the one running the tests, then {@link #secondJdk()} when installed. */
    static Stream<Path> javaHomes() {
        return Stream.concat(Stream.of(Path.of(System.getProperty("java.home"))), secondJdk().stream());
    }

    /** The second JDK the tests run the node on (Temurin 25 under /usr/lib/jvm), when installed. */
    static Optional<Path> secondJdk() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> home.getFileName().toString().startsWith("temurin-25"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path existing(String path) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new AssertionError(file + " does not exist; build with 'mvn verify' from the repository root");
        }
        return file;
    }
}
