package io.nodescope.agent.cli;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.matching.RuleExplainer;
import io.nodescope.agent.matching.RuleLimits;
import io.nodescope.agent.matching.RuleWarnings;
import io.nodescope.instrumentation.RulePacks;
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
    /** Unreadable values listed per rule; the rest are counted. */
    private static final int UNREADABLE_SHOWN = 20;

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
        Map<Rule, RuleExplainer.Selection> selected;
        try {
            selected = RuleExplainer.select(config.get().rules(), classPath);
        } catch (IOException e) {
            terminal.err.println("cannot read the class path " + classPath + ": " + e);
            return Main.FAILED;
        }
        for (String warning : RuleWarnings.of(config.get().rules())) {
            terminal.out.println("warning: " + warning);
        }
        for (Map.Entry<Rule, RuleExplainer.Selection> rule : selected.entrySet()) {
            List<String> methods = rule.getValue().methods();
            terminal.out.println(rule.getKey().name() + " (" + rule.getKey().kind().name() + ", " + rule.getKey().location() + "): "
                    + methods.size() + (methods.size() == 1 ? " method" : " methods"));
            if (methods.isEmpty() && RulePacks.includedForSignal(rule.getKey().location())) {
                terminal.out.println("  the agent's rule for a logging framework this class path does not hold");
            } else if (methods.isEmpty()) {
                terminal.out.println("  warning: selects nothing in this class path; check the class and method names,"
                        + " and that the class path holds the node's classes");
            }
            if (methods.size() > RuleLimits.METHODS_PER_RULE) {
                terminal.out.println("  warning: " + RuleLimits.exceededIn(rule.getKey(), methods.size()));
            }
            List<String> unreadable = rule.getValue().unreadableValues();
            for (int i = 0; i < Math.min(unreadable.size(), UNREADABLE_SHOWN); i++) {
                terminal.out.println("  warning: " + unreadable.get(i) + "; the value is left out there");
            }
            if (unreadable.size() > UNREADABLE_SHOWN) {
                terminal.out.println("  warning: and " + (unreadable.size() - UNREADABLE_SHOWN) + " more values that cannot be read where"
                        + " this rule selects");
            }
            for (String method : methods) {
                terminal.out.println("  " + method);
            }
        }
        terminal.out.println("note: at runtime nodescope_instrumented_methods{rule} counts the methods of the classes loaded so far,"
                + " so it grows as the node loads classes and may stay below these counts");
        return Main.OK;
    }
}
