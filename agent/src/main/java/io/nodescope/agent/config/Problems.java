package io.nodescope.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a whole file is read, so that one run reports all of them. */
final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    void add(String source, int line, int column, String key, String message) {
        found.add(new ConfigProblem(source, line, column, key, message));
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
