package io.nodescope.agent.matching;

import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;
import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.sql.StatementBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is worth telling the author of valid rules before any class loads: a rule that names
 * classes the agent never instruments, a rule that can select every method of every class, and a
 * {@code prepare} rule that names no SQL to remember.
 * The agent logs these at startup; {@code validate} and {@code match} print them.
 */
public final class RuleWarnings {

    private RuleWarnings() {
    }

    /** One message per finding, each naming the rule and where it is written. */
    public static List<String> of(List<Rule> rules) {
        List<String> warnings = new ArrayList<>();
        for (Rule rule : rules) {
            Optional<NamePattern> name = rule.classes().name();
            Optional<String> reached = name.flatMap(ProtectedClasses::reachedBy);
            if (reached.isPresent()) {
                warnings.add("rule '" + rule.name() + "' (" + rule.location() + ") class.name \"" + name.get() + "\" "
                        + (name.get().isExact() ? "names a class the agent never instruments" : "reaches classes the agent never instruments")
                        + ", whatever the rules say: " + reached.get() + ". "
                        + (name.get().isExact() ? "This rule selects nothing there" : "Those classes are skipped")
                        + " (docs/rules.md, Classes the agent never instruments)");
            }
            if (RuleLimits.selectsAnything(rule)) {
                warnings.add(RuleLimits.selectsAnythingWarning(rule));
            }
            if (rule.kind() == Kinds.PREPARE && !rule.values().containsKey(StatementBinding.SQL)) {
                warnings.add("rule '" + rule.name() + "' (" + rule.location() + ") of kind prepare gives no values." + StatementBinding.SQL
                        + ", so it remembers nothing; name the SQL the method is given, values.sql = \"$arg0\" (docs/rules.md, SQL statements)");
            }
        }
        return warnings;
    }
}
