package io.nodescope.agent.matching;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The names of the running JDK's classes, read from its runtime image without loading any. */
final class JdkClasses {

    private JdkClasses() {
    }

    static List<String> names() throws IOException {
        FileSystem image = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path modules = image.getPath("/modules");
        try (Stream<Path> files = Files.walk(modules)) {
            return files.map(file -> modules.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class") && name.indexOf('/') > 0)
                    .map(name -> name.substring(name.indexOf('/') + 1, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
