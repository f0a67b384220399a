package io.nodescope.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rule groups of Prometheus rule files, read from the text: a group is an item of the
 * top-level {@code groups} list and starts with {@code - name:}; rules have no {@code name} key.
 */
final class RuleFileGroups {

    private static final Pattern GROUP = Pattern.compile("^( *)- +name: *(.*?) *$");

    private RuleFileGroups() {
    }

    /** {@code file-name/group-name} for every group of every {@code *.yaml} file of {@code dir}; empty when there is no dir. */
    static TreeSet<String> in(Path dir) {
        TreeSet<String> groups = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return groups;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).collect(Collectors.toList())) {
                for (String group : names(Files.readAllLines(file))) {
                    groups.add(file.getFileName() + "/" + group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    /** The least indented {@code - name:} items. */
    private static List<String> names(List<String> lines) {
        List<String> names = new ArrayList<>();
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            Matcher item = GROUP.matcher(line);
            if (!item.matches() || item.group(1).length() > indent) {
                continue;
            }
            if (item.group(1).length() < indent) {
                indent = item.group(1).length();
                names.clear();
            }
            names.add(item.group(2).replaceAll("^([\"'])(.*)\\1$", "$2"));
        }
        return names;
    }
}
