package io.nodescope.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The classes a JVM loaded, as its {@code -Xlog:class+load} file lists them. */
final class LoadedClasses {

    /** Libraries a disabled agent must not load, in their original or relocated packages. */
    static final List<String> AGENT_LIBRARIES = List.of("bytebuddy", "opentelemetry", "prometheus");

    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\]\\s+(\\S+)");

    private final List<String> names;

    private LoadedClasses(List<String> names) {
        this.names = names;
    }

    /** The JVM option that writes the log {@link #read} reads. */
    static String logOption(Path file) {
        return "-Xlog:class+load=info:file=" + file;
    }

    /** Reads the log; call it once the JVM has ended, so that the file is complete. */
    static LoadedClasses read(Path file) {
        try {
            List<String> names = Files.readAllLines(file).stream()
                    .map(LOADED::matcher)
                    .filter(Matcher::find)
                    .map(matcher -> matcher.group(1))
                    .collect(Collectors.toList());
            if (names.stream().noneMatch("java.lang.Object"::equals)) {
                throw new AssertionError(file + " is not a class+load log: " + names.size() + " classes");
            }
            return new LoadedClasses(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded classes whose name contains one of {@code words}, ignoring case. */
    List<String> containing(List<String> words) {
        return names.stream()
                .filter(name -> words.stream().anyMatch(word -> name.toLowerCase(Locale.ROOT).contains(word)))
                .collect(Collectors.toList());
    }

    List<String> startingWith(String prefix) {
        return names.stream().filter(name -> name.startsWith(prefix)).collect(Collectors.toList());
    }

    int size() {
        return names.size();
    }
}
