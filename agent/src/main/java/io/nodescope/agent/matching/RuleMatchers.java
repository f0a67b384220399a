package io.nodescope.agent.matching;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.nodescope.agent.config.ClassSelector;
import io.nodescope.agent.config.JavaNames;
import io.nodescope.agent.config.MethodSelector;
import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A rule's selectors as ByteBuddy matchers; the agent and the dry run use the same ones. */
public final class RuleMatchers {

    private final ElementMatcher.Junction<TypeDescription> types;
    private final ElementMatcher.Junction<MethodDescription> methods;

    private RuleMatchers(ElementMatcher.Junction<TypeDescription> types, ElementMatcher.Junction<MethodDescription> methods) {
        this.types = types;
        this.methods = methods;
    }

    public static RuleMatchers of(Rule rule) {
        ElementMatcher.Junction<MethodDescription> methods = methods(rule.methods());
        if (rule.kind().changesFirstArgument() || rule.kind().sendsFirstArgument()) {
            methods = methods.and(not(takesArguments(0)));  // the task handed off, the request sent, the log record
        }
        if (rule.kind().changesReturnValue()) {
            methods = methods.and(not(returns(void.class)));  // the log record's context map
        }
        return new RuleMatchers(types(rule.classes()).and(declaresMethod(methods)), methods);
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

    /** Types that may hold selected methods; checked before any method is looked at. */
    public ElementMatcher.Junction<TypeDescription> types() {
        return types;
    }

    public ElementMatcher.Junction<MethodDescription> methods() {
        return methods;
    }

    private static ElementMatcher.Junction<TypeDescription> types(ClassSelector selector) {
        ElementMatcher.Junction<TypeDescription> matcher = any();
        if (selector.name().isPresent()) {
            matcher = matcher.and(name(selector.name().get()));
        }
        if (selector.supertype().isPresent()) {
            matcher = matcher.and(hasSuperType(named(selector.supertype().get())));
        }
        if (selector.annotation().isPresent()) {
            matcher = matcher.and(isAnnotatedWith(named(selector.annotation().get())));
        }
        if (!selector.proxies()) {
            matcher = matcher.and(not(GeneratedTypes.MATCHER));  // their calls reach the user's class, which is selected
        }
        return matcher.and(not(anyName(selector.excluded())));
    }

    private static ElementMatcher.Junction<MethodDescription> methods(MethodSelector selector) {
        ElementMatcher.Junction<MethodDescription> matcher = isMethod()
                .and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic())).and(not(isBridge()))
                .and(name(selector.name()));
        if (selector.annotation().isPresent()) {
            matcher = matcher.and(isAnnotatedWith(named(selector.annotation().get())));
        }
        if (selector.parameterTypes().isPresent()) {
            List<String> types = selector.parameterTypes().get();
            matcher = matcher.and(takesArguments(types.size()));
            for (int i = 0; i < types.size(); i++) {
                matcher = matcher.and(takesArgument(i, named(types.get(i))));
            }
        }
        if (selector.parameterCount().isPresent()) {
            matcher = matcher.and(takesArguments(selector.parameterCount().getAsInt()));
        }
        if (selector.isStatic().isPresent()) {
            matcher = matcher.and(selector.isStatic().get() ? isStatic() : not(isStatic()));
        }
        if (selector.isPublic().isPresent()) {
            matcher = matcher.and(selector.isPublic().get() ? isPublic() : not(isPublic()));
        }
        return matcher.and(not(anyName(selector.excluded())));
    }

    private static <T extends net.bytebuddy.description.NamedElement> ElementMatcher.Junction<T> name(NamePattern pattern) {
        return pattern.isExact() ? named(pattern.text()) : new GlobMatcher<>(pattern);
    }

    private static <T extends net.bytebuddy.description.NamedElement> ElementMatcher.Junction<T> anyName(List<NamePattern> patterns) {
        ElementMatcher.Junction<T> matcher = net.bytebuddy.matcher.ElementMatchers.none();
        for (NamePattern pattern : patterns) {
            matcher = matcher.or(name(pattern));
        }
        return matcher;
    }
}
