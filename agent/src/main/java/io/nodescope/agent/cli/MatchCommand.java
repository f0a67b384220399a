package io.nodescope.agent.cli;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.matching.RuleExplainer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code match --config FILE --classpath JARS}: the methods each rule would instrument, read from
 * the class files without loading them, so a rules change can be checked before it is deployed.
 */
final class MatchCommand {

    private static final String CONFIG = "--config";
    private static final String CLASSPATH = "--classpath";

    private MatchCommand() {
    }

    static int run(List<String> arguments, Terminal terminal) throws UsageException {
        Options options = Options.parse(arguments, Set.of(CONFIG, CLASSPATH), Set.of());
        if (!options.positional().isEmpty()) {
            throw new UsageException("match takes no arguments besides its options, found " + options.positional());
        }
        Path file = terminal.path(options.required(CONFIG, "match needs --config FILE"));
        List<Path> classPath = new ArrayList<>();
        for (String entry : options.required(CLASSPATH, "match needs --classpath JAR_OR_DIR[:...]").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(terminal.path(entry));
            }
        }
        Optional<AgentConfig> config = ValidateCommand.load(file, terminal);
        if (config.isEmpty()) {
            return Main.FAILED;
        }
        Map<Rule, List<String>> selected;
        try {
            selected = RuleExplainer.explain(config.get().rules(), classPath);
        } catch (IOException e) {
            terminal.err.println("cannot read the class path " + classPath + ": " + e);
            return Main.FAILED;
        }
        for (Map.Entry<Rule, List<String>> rule : selected.entrySet()) {
            List<String> methods = rule.getValue();
            terminal.out.println(rule.getKey().name() + " (" + rule.getKey().kind().name() + ", " + rule.getKey().location() + "): "
                    + methods.size() + (methods.size() == 1 ? " method" : " methods"));
            for (String method : methods) {
                terminal.out.println("  " + method);
            }
        }
        return Main.OK;
    }
}
