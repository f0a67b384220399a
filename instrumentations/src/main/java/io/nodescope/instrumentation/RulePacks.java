package io.nodescope.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Ready rules for libraries many nodes use, shipped in the agent. A rules file enables one with
 * {@code include = ["nodescope:jdbc"]}.
 */
public final class RulePacks {

    /** What an include names to mean a pack rather than a file. */
    public static final String PREFIX = "nodescope:";

    /** The pack that puts trace ids in log records, included whenever traces are on. */
    public static final String LOG_CONTEXT = "log-context";

    /** The pack that hands the node's log records to the log export, included whenever logs are on. */
    public static final String LOG_RECORDS = "log-records";

    private static final List<String> NAMES = List.of("executors", "jdbc", "jdk-http-client", "jena", LOG_CONTEXT, LOG_RECORDS, "rdf4j");

    private RulePacks() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** The pack's TOML text; empty when no pack has this name. */
    public static Optional<String> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = RulePacks.class.getResourceAsStream("packs/" + name + ".toml")) {
            if (in == null) {
                throw new IllegalStateException("the rule pack " + name + " is missing from the agent jar");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
