package io.nodescope.agent.matching;

import io.nodescope.agent.config.MethodSelector;
import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;

/**
 * How many methods one rule may instrument. A rule is written for a few classes of the node; one
 * that selects hundreds of methods is almost always a glob broader than meant ({@code **} with every
 * method), and each method it instruments costs every call of it. Past the limit the agent selects
 * no more methods for the rule, says so once, and leaves the methods already instrumented as they are.
 */
public final class RuleLimits {

    /** The most methods one rule instruments; documented in docs/rules.md. */
    public static final int METHODS_PER_RULE = 500;

    private static final String NARROW = "name the node's package in class.name (\"com.example.node.**\"), or select by class.supertype"
            + " or an annotation, and name the methods";

    private RuleLimits() {
    }

    /** What the agent says, once, when a rule reaches the limit while classes load. */
    public static String reachedAtStartup(Rule rule) {
        return "rule '" + rule.name() + "' (" + rule.location() + ") selected " + METHODS_PER_RULE + " methods, the most one rule may"
                + " instrument; it selects no more (the " + METHODS_PER_RULE + " already instrumented stay), so what it selects now"
                + " depends on the order classes load. " + capitalized(NARROW) + " (docs/rules.md, How much a rule may select)";
    }

    /** What {@code match} says of a rule that selects more than the limit in a class path. */
    public static String exceededIn(Rule rule, int methods) {
        return "selects " + methods + " methods, more than the " + METHODS_PER_RULE + " one rule may instrument: at startup the agent"
                + " instruments the first " + METHODS_PER_RULE + " it meets and no more; " + NARROW;
    }

    /**
     * Whether the rule can, by its selectors alone, select every method of every class: its class
     * name and method name have no fixed part ({@code **}, {@code *}) and no supertype or annotation
     * narrows them. Parameter counts, static-ness and visibility narrow too little to count.
     */
    public static boolean selectsAnything(Rule rule) {
        MethodSelector methods = rule.methods();
        return rule.classes().supertype().isEmpty() && rule.classes().annotation().isEmpty()
                && rule.classes().name().map(name -> !hasFixedPart(name) && name.text().contains("**")).orElse(true)
                && methods.annotation().isEmpty() && methods.parameterTypes().isEmpty() && !hasFixedPart(methods.name());
    }

    /** What {@code validate} and the agent say of such a rule. */
    static String selectsAnythingWarning(Rule rule) {
        return "rule '" + rule.name() + "' (" + rule.location() + ") can select every method of every class the node loads:"
                + " its class.name " + rule.classes().name().map(name -> "\"" + name + "\"").orElse("(none)") + " and method.name \""
                + rule.methods().name() + "\" have no fixed part, and no class.supertype or annotation narrows them, so it would"
                + " select thousands of methods. The agent instruments at most " + METHODS_PER_RULE + " per rule and never the JDK's"
                + " classes for such a glob; " + NARROW;
    }

    private static boolean hasFixedPart(NamePattern pattern) {
        for (char c : pattern.text().toCharArray()) {
            if (c != '*' && c != '?' && c != '.') {
                return true;
            }
        }
        return false;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
