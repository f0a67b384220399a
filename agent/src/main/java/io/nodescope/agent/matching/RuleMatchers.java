package io.nodescope.agent.matching;

import io.nodescope.agent.config.ClassSelector;
import io.nodescope.agent.config.JavaNames;
import io.nodescope.agent.config.MethodSelector;
import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.sites.GeneratedClasses;
import java.util.List;

/**
 * A rule's selectors, judged on what a class file declares ({@link ClassOutline}) and the ancestors
 * the candidate filter found; the agent and the dry run use the same ones.
 */
public final class RuleMatchers {

    private final ClassSelector classes;
    private final MethodSelector methods;
    /** The kind needs a first argument: the task handed off, the request sent, the log record. */
    private final boolean needsArgument;
    /** The kind needs a return value: the log record's context map. */
    private final boolean needsReturn;

    private RuleMatchers(Rule rule) {
        this.classes = rule.classes();
        this.methods = rule.methods();
        this.needsArgument = rule.kind().changesFirstArgument() || rule.kind().sendsFirstArgument();
        this.needsReturn = rule.kind().changesReturnValue();
    }

    public static RuleMatchers of(Rule rule) {
        return new RuleMatchers(rule);
    }

    /**
     * Whether any of the rules can select a class of the JDK. When none can, the JDK's class loaders
     * are not looked at, which spares matching thousands of classes at startup.
     */
    public static boolean anyMayMatchJdkClasses(List<Rule> rules) {
        return rules.stream().anyMatch(RuleMatchers::mayMatchJdkClasses);
    }

    /**
     * Whether the rule may select classes of the JDK (those the boot and platform class loaders
     * define). A class name must name a JDK package in its fixed start ({@code java.util.zip.*} does;
     * {@code **}, {@code *.Foo} and {@code j*.**} do not), so that a broad glob meant for the node
     * never reaches the JDK; a supertype or annotation must be a JDK type. Every condition given must
     * allow it.
     */
    public static boolean mayMatchJdkClasses(Rule rule) {
        ClassSelector selector = rule.classes();
        boolean name = selector.name().map(RuleMatchers::namesJdkPackage).orElse(true);
        boolean supertype = selector.supertype().map(RuleMatchers::isJdkName).orElse(true);
        boolean annotation = selector.annotation().map(RuleMatchers::isJdkName).orElse(true);
        return name && supertype && annotation;
    }

    private static boolean namesJdkPackage(NamePattern pattern) {
        return isJdkName(literalPrefix(pattern));
    }

    /** The fixed start of a name pattern, up to its first wildcard; the whole name when exact. */
    static String literalPrefix(NamePattern pattern) {
        String text = pattern.text();
        return pattern.isExact() ? text : text.substring(0, Math.min(indexOr(text, '*'), indexOr(text, '?')));
    }

    private static int indexOr(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? text.length() : index;
    }

    /** Whether the loader is the JDK's own: the bootstrap (null) or the platform class loader. */
    public static boolean isJdkLoader(ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    static boolean isJdkName(String name) {
        return JavaNames.isJdkName(name);
    }

    /**
     * Whether the class may hold selected methods; checked before any method is looked at.
     * {@code ancestors}: the rules' supertypes it is or inherits.
     */
    public boolean selectsClass(ClassOutline type, Ancestors ancestors) {
        String name = type.name();
        if (classes.name().isPresent() && !classes.name().get().matches(name)
                || classes.supertype().isPresent() && !ancestors.reaches(classes.supertype().get())
                || classes.annotation().isPresent() && !type.annotations().contains(classes.annotation().get())) {
            return false;
        }
        // A generated class's calls reach the user's class, which is selected.
        return (classes.proxies() || !GeneratedClasses.isGenerated(name, type.superName(), type.interfaceNames()))
                && !anyMatches(classes.excluded(), name);
    }

    /** Whether a method of a selected class is selected: never a constructor, nor abstract, native, synthetic or bridge. */
    public boolean selectsMethod(MethodOutline method) {
        if (!method.isMethod() || method.isPlumbing() || !methods.name().matches(method.name())
                || anyMatches(methods.excluded(), method.name())) {
            return false;
        }
        if (needsArgument && method.descriptor().startsWith("()") || needsReturn && method.returnsVoid()) {
            return false;
        }
        if (methods.annotation().isPresent() && !method.annotations().contains(methods.annotation().get())) {
            return false;
        }
        if (methods.parameterTypes().isPresent() && !methods.parameterTypes().get().equals(method.parameterTypes())
                || methods.parameterCount().isPresent() && methods.parameterCount().getAsInt() != method.parameterTypes().size()) {
            return false;
        }
        return (methods.isStatic().isEmpty() || methods.isStatic().get() == method.isStatic())
                && (methods.isPublic().isEmpty() || methods.isPublic().get() == method.isPublic());
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name) {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
