package org.example.node.command;

import java.util.List;

/** Reads the {@code assertions} payload: one N-Triples-style statement per line. */
final class Assertions {
    private static final String PAYLOAD_KEY = "assertions";
    private static final int MAX_ASSERTIONS = 1000;

    private Assertions() {
    }

    static List<String> from(CommandRequest request) throws InvalidCommandException {
        List<String> assertions = request.requiredPayload(PAYLOAD_KEY).lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (assertions.size() > MAX_ASSERTIONS) {
            throw new InvalidCommandException("at most " + MAX_ASSERTIONS + " assertions per command, got "
                    + assertions.size());
        }
        for (int i = 0; i < assertions.size(); i++) {
            if (!isTriple(assertions.get(i))) {
                throw new InvalidCommandException("assertion " + (i + 1)
                        + " is not a triple like '<subject> <predicate> \"object\" .': " + assertions.get(i));
            }
        }
        return assertions;
    }

    private static boolean isTriple(String line) {
        return line.endsWith(" .") && line.split("\\s+").length >= 4;
    }
}
