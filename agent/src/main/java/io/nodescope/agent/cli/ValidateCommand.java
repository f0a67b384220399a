package io.nodescope.agent.cli;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigException;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.ConfigProblem;
import io.nodescope.agent.config.MetricsConfig;
import io.nodescope.agent.config.ReadinessCheck;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TracesConfig;
import io.nodescope.agent.matching.RuleWarnings;
import io.nodescope.instrumentation.RulePacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code validate FILE}: the config as the agent would read it, every problem or a short summary. */
final class ValidateCommand {

    private ValidateCommand() {
    }

    static int run(List<String> arguments, Terminal terminal) throws UsageException {
        List<String> files = Options.parse(arguments, Set.of(), Set.of()).positional();
        if (files.size() != 1) {
            throw new UsageException("validate takes one config file, e.g. validate /etc/nodescope/nodescope.toml");
        }
        Path file = terminal.path(files.get(0));
        Optional<AgentConfig> config = load(file, terminal);
        if (config.isEmpty()) {
            return Main.FAILED;
        }
        terminal.out.println(file + ": valid");
        terminal.out.println("  traces:  " + describe(config.get().traces()));
        terminal.out.println("  metrics: " + describe(config.get().metrics()));
        if (config.get().metrics().enabled()) {
            terminal.out.println("  health:  " + describeReadiness(config.get().readiness()));
        }
        terminal.out.println("  rules:   " + describe(config.get().rules()));
        if (config.get().rules().isEmpty() && (config.get().traces().enabled() || config.get().metrics().enabled())) {
            terminal.out.println("  note: no rule selects any method, so no node_* metric or span will appear;"
                    + " add [[rule]] tables or include = [\"nodescope:...\"] packs (docs/rules.md)");
        }
        for (String warning : RuleWarnings.of(config.get().rules())) {
            terminal.out.println("  warning: " + warning);
        }
        return Main.OK;
    }

    /**
     * The config, or empty after printing the problems the loader found (the first
     * {@link ConfigException#MAX_PROBLEMS_SHOWN}, then how many more). Whatever the file holds,
     * no stack trace: a failure of the loader itself is one line naming the file.
     */
    static Optional<AgentConfig> load(Path file, Terminal terminal) {
        try {
            return Optional.of(ConfigLoader.load(file, terminal.environment));
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                terminal.err.println(problem);
            }
            if (e.moreProblems() != null) {
                terminal.err.println(e.moreProblems());
            }
            int count = e.problemCount();
            terminal.err.println(file + ": invalid, " + count + (count == 1 ? " problem" : " problems"));
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            terminal.err.println(file + ": cannot be checked, the loader failed with " + e.getClass().getName()
                    + "; please report this with the file");
            return Optional.empty();
        }
    }

    private static String describe(TracesConfig traces) {
        if (!traces.enabled()) {
            return "off";
        }
        return "on, " + traces.protocol().configName() + " to " + traces.endpoint() + ", service.name " + traces.serviceName()
                + ", sample ratio " + traces.sampleRatio() + (traces.keepErrors() ? " and every trace with an error" : "")
                + (traces.resourceAttributes().isEmpty() ? "" : ", resource " + traces.resourceAttributes());
    }

    private static String describeReadiness(List<ReadinessCheck> checks) {
        return "/health/live, /health/ready " + (checks.isEmpty() ? "(no checks: always ready)"
                : "requiring " + checks.stream().map(ReadinessCheck::name).collect(Collectors.joining(", ")));
    }

    private static String describe(MetricsConfig metrics) {
        if (!metrics.enabled()) {
            return "off";
        }
        String url = "on, " + (metrics.tls().isPresent() ? "https" : "http") + "://" + metrics.bindAddress() + "/metrics"
                + metrics.basicAuth().map(auth -> " (basic auth, user " + auth.username() + ")").orElse("");
        return metrics.bindAddress().isLoopback() ? url : url + " (not loopback: reachable from other machines)";
    }

    private static String describe(List<Rule> rules) {
        Set<String> packs = new TreeSet<>();
        for (Rule rule : rules) {
            if (rule.location().startsWith(RulePacks.PREFIX)) {
                packs.add(rule.location().substring(0, rule.location().lastIndexOf(':')));
            }
        }
        return rules.size() + (packs.isEmpty() ? "" : ", packs included: " + String.join(", ", packs));
    }
}
