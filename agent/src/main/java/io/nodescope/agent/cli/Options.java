package io.nodescope.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} or {@code --name=value} for the options it
 * declares, bare {@code --flag}s, and the positional arguments left over.
 */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    static Options parse(List<String> arguments, Set<String> valueOptions, Set<String> flags) throws UsageException {
        Options options = new Options();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                options.positional.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (flags.contains(name) && equals < 0) {
                options.add(name, "true");
            } else if (!valueOptions.contains(name)) {
                throw new UsageException("unknown option " + name);
            } else if (equals >= 0) {
                options.add(name, argument.substring(equals + 1));
            } else if (i + 1 < arguments.size()) {
                options.add(name, arguments.get(++i));
            } else {
                throw new UsageException(name + " needs a value");
            }
        }
        return options;
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    /** The value of an option given at most once. */
    Optional<String> value(String name) throws UsageException {
        List<String> given = values(name);
        if (given.size() > 1) {
            throw new UsageException(name + " is given " + given.size() + " times; give it once");
        }
        return given.stream().findFirst();
    }

    String required(String name, String why) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException(why));
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }
}
