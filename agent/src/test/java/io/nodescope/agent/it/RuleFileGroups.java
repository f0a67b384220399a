package io.nodescope.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The rule groups of the Prometheus rule files in a directory: {@code *-alerts.yaml}, the glob of the local stack's config. */
final class RuleFileGroups {

    static final String GLOB_SUFFIX = "-alerts.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RuleFileGroups() {
    }

    /** {@code file-name/group-name} for every group of every rule file of {@code dir}; empty when there is no dir. */
    static TreeSet<String> in(Path dir) {
        TreeSet<String> groups = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return groups;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ruleFiles = files.filter(f -> f.getFileName().toString().endsWith(GLOB_SUFFIX)).collect(Collectors.toList());
            for (Path file : ruleFiles) {
                for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                    groups.add(file.getFileName() + "/" + group.path("name").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }
}
