package io.nodescope.agent.cli;

import io.nodescope.agent.config.ConfigException;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.OtlpProtocol;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code init}: writes the commented config of a deployment mode. The file is checked with the
 * agent's own loader before it takes its place, and an existing file is kept unless {@code --force}.
 */
final class InitCommand {

    private static final String OBSERVABILITY = "--observability";
    private static final String OUTPUT = "--output";
    private static final String FORCE = "--force";
    private static final String ENDPOINT = "--otlp-endpoint";
    private static final String PROTOCOL = "--protocol";
    private static final String SERVICE_NAME = "--service-name";
    private static final String RESOURCE_ATTRIBUTE = "--resource-attribute";
    private static final String DEFAULT_OUTPUT = "nodescope.toml";
    private static final String DEFAULT_SERVICE_NAME = "node";

    private InitCommand() {
    }

    static int run(List<String> arguments, Terminal terminal) throws UsageException {
        Options options = Options.parse(arguments,
                Set.of(OBSERVABILITY, OUTPUT, ENDPOINT, PROTOCOL, SERVICE_NAME, RESOURCE_ATTRIBUTE), Set.of(FORCE));
        if (!options.positional().isEmpty()) {
            throw new UsageException("init takes no arguments besides its options, found " + options.positional());
        }
        Observability mode = mode(options);
        String text = ConfigTemplate.render(mode, values(options, mode));
        Path output = terminal.path(options.value(OUTPUT).orElse(DEFAULT_OUTPUT));
        boolean force = options.flag(FORCE);
        if (!force && Files.exists(output)) {
            return refuseToOverwrite(output, terminal);
        }
        try {
            write(text, output, force);
        } catch (FileAlreadyExistsException e) {
            return refuseToOverwrite(output, terminal);
        } catch (IOException e) {
            terminal.err.println("cannot write " + output + ": " + e);
            return Main.FAILED;
        }
        terminal.out.println("wrote " + output + " (observability " + mode.optionValue() + ")");
        terminal.out.println("check it:  java -jar nodescope-agent.jar validate " + output);
        terminal.out.println("attach it: java -javaagent:nodescope-agent.jar=config=" + output + " -jar <node jar>");
        if (mode == Observability.LOCAL) {
            terminal.out.println("then start the local stack: see deploy/local/README.md");
        }
        return Main.OK;
    }

    /** The mode asked for, after refusing the options that mean nothing in it. */
    private static Observability mode(Options options) throws UsageException {
        String name = options.value(OBSERVABILITY).orElse(Observability.NONE.optionValue());
        Observability mode = Observability.named(name).orElseThrow(() -> new UsageException(
                OBSERVABILITY + " must be none, remote or local, found '" + name + "'"));
        List<String> notHere = mode == Observability.NONE ? List.of(ENDPOINT, PROTOCOL, SERVICE_NAME, RESOURCE_ATTRIBUTE)
                : mode == Observability.LOCAL ? List.of(ENDPOINT, PROTOCOL) : List.of();
        for (String option : notHere) {
            if (!options.values(option).isEmpty()) {
                throw new UsageException(option + " does not apply to " + OBSERVABILITY + " " + mode.optionValue()
                        + (mode == Observability.NONE ? ", which sends nothing" : ", which sends to the local stack's collector"));
            }
        }
        return mode;
    }

    /** The placeholders of the mode's template, as TOML text. */
    private static Map<String, String> values(Options options, Observability mode) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        if (mode == Observability.REMOTE) {
            values.put("OTLP_ENDPOINT", ConfigTemplate.quote(options.required(ENDPOINT,
                    OBSERVABILITY + " remote needs " + ENDPOINT + " URL, the backend's base URL, e.g. https://otlp.example.org:4317")));
            values.put("PROTOCOL", ConfigTemplate.quote(protocol(options)));
        }
        values.put("SERVICE_NAME", ConfigTemplate.quote(options.value(SERVICE_NAME).orElse(DEFAULT_SERVICE_NAME)));
        values.put("RESOURCE_ATTRIBUTES", resourceAttributes(options.values(RESOURCE_ATTRIBUTE)));
        return values;
    }

    private static String protocol(Options options) throws UsageException {
        List<String> names = Arrays.stream(OtlpProtocol.values()).map(OtlpProtocol::configName).collect(Collectors.toList());
        String protocol = options.value(PROTOCOL).orElse(OtlpProtocol.GRPC.configName());
        if (!names.contains(protocol)) {
            throw new UsageException(PROTOCOL + " must be one of " + String.join(", ", names) + ", found '" + protocol + "'");
        }
        return protocol;
    }

    /** One {@code "key" = "value"} line per attribute, or a commented example when there is none. */
    private static String resourceAttributes(List<String> pairs) throws UsageException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException(RESOURCE_ATTRIBUTE + " takes KEY=VALUE, found '" + pair + "'");
            }
            String key = pair.substring(0, equals);
            if ("service.name".equals(key)) {
                throw new UsageException("give the service name with " + SERVICE_NAME);
            }
            if (attributes.put(key, pair.substring(equals + 1)) != null) {
                throw new UsageException(RESOURCE_ATTRIBUTE + " " + key + " is given twice");
            }
        }
        if (attributes.isEmpty()) {
            return "# \"deployment.environment\" = \"prod\"";
        }
        return attributes.entrySet().stream()
                .map(attribute -> ConfigTemplate.quote(attribute.getKey()) + " = " + ConfigTemplate.quote(attribute.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Writes next to {@code output} first, so that a config the agent would reject (a bad URL in
     * the options) never replaces anything, then moves it into place.
     */
    private static void write(String text, Path output, boolean force) throws IOException, UsageException {
        Path draft = output.resolveSibling("." + output.getFileName() + ".init");
        Path dir = output.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);  // /etc/nodescope on a fresh machine
        }
        Files.writeString(draft, text);
        try {
            ConfigLoader.load(draft, Map.of());
            if (force) {
                Files.move(draft, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(draft, output);
            }
        } catch (ConfigException e) {
            throw new UsageException("the options give a config the agent rejects: " + e.problems().stream()
                    .map(problem -> problem.key() + ": " + problem.message()).collect(Collectors.joining("; ")));
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static int refuseToOverwrite(Path output, Terminal terminal) {
        terminal.err.println(output + " already exists; nothing written. Add " + FORCE + " to overwrite it.");
        return Main.FAILED;
    }
}
