package io.nodescope.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The dashboards of the repository's {@code dashboards/} directory. */
final class DashboardFiles {

    /** The dashboards SPEC section 5 asks for, by file name without {@code .json}. */
    static final List<String> NAMES = List.of("node-overview", "operations", "sync-pipeline", "network-and-storage");

    private DashboardFiles() {
    }

    /** Every {@code dashboards/*.json}, sorted by name. */
    static List<Path> all() {
        try (Stream<Path> files = Files.list(TestPaths.repositoryFile("dashboards"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dashboard, loaded and named by its file, as arguments of a parameterized test. */
    static Stream<Named<DashboardQueries>> loaded() {
        return all().stream().map(file -> Named.of(file.getFileName().toString(), DashboardQueries.load(file)));
    }

    /** The file name without {@code .json}. */
    static String name(DashboardQueries dashboard) {
        String file = Path.of(dashboard.source()).getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }
}
