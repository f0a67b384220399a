package io.nodescope.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while a whole file is read, so that one run reports all of them. Only the
 * first {@link ConfigException#MAX_PROBLEMS_SHOWN} are kept; the rest are counted, so that a
 * file of a million mistakes costs neither memory nor a flood of output.
 */
final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();
    private int count;

    void add(String source, int line, int column, String key, String message) {
        count++;
        if (found.size() < ConfigException.MAX_PROBLEMS_SHOWN) {
            found.add(new ConfigProblem(source, line, column, key, message));
        }
    }

    void throwIfAny() throws ConfigException {
        if (count > 0) {
            throw new ConfigException(found, count);
        }
    }
}
