package io.nodescope.agent.matching;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodescope.agent.config.ClassSelector;
import io.nodescope.agent.config.MethodSelector;
import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.sites.GeneratedClasses;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' matching reads class files itself ({@link ClassOutline}, {@link SupertypeIndex}); here
 * it must select exactly what ByteBuddy's reading of the same class files selects, for every kind of
 * selector, across real libraries (Jackson, H2, log4j, HikariCP) and the sample node: names, globs,
 * supertypes through whole hierarchies, class and method annotations (visible at runtime or not),
 * parameter types including arrays and nested classes, flags, exclusions and the kinds that need
 * an argument or a return value.
 */
class ClassReadingAgreementTest {

    private static final String RULES = String.join("\n",
            "[[rule]]\nname = 'every-method'\nkind = 'operation'\nclass.name = '**'\nmethod.name = '*'",
            "[[rule]]\nname = 'public-writers'\nkind = 'operation'\nclass.name = 'com.fasterxml.**'\nmethod.name = 'write*'\nmethod.public = true",
            "[[rule]]\nname = 'serializers'\nkind = 'operation'\nclass.supertype = 'com.fasterxml.jackson.databind.JsonSerializer'\n"
                    + "method.name = 'serialize'\nexclude.classes = ['**.std.*']",
            "[[rule]]\nname = 'runnables'\nkind = 'task'\nclass.supertype = 'java.lang.Runnable'\nmethod.name = 'run'",
            "[[rule]]\nname = 'executors'\nkind = 'handoff'\nclass.supertype = 'java.util.concurrent.Executor'\nmethod.name = 'execute'",
            "[[rule]]\nname = 'std-impl'\nkind = 'operation'\nclass.annotation = 'com.fasterxml.jackson.databind.annotation.JacksonStdImpl'\n"
                    + "method.name = '*'\nmethod.static = false",
            "[[rule]]\nname = 'deprecated'\nkind = 'operation'\nclass.name = '**'\nmethod.name = '*'\nmethod.annotation = 'java.lang.Deprecated'",
            "[[rule]]\nname = 'string-and-array'\nkind = 'operation'\nclass.name = '**'\nmethod.name = '*'\n"
                    + "method.parameters = ['java.lang.String', 'java.lang.Object[]']",
            "[[rule]]\nname = 'nested-parameter'\nkind = 'operation'\nclass.name = '**'\nmethod.name = '*'\n"
                    + "method.parameters = ['java.util.Map$Entry']",
            "[[rule]]\nname = 'static-pairs'\nkind = 'handoff'\nclass.name = 'org.**'\nmethod.name = 'get*'\nmethod.parameter_count = 2\n"
                    + "method.static = true\nexclude.methods = ['getInt*']",
            "[[rule]]\nname = 'contexts'\nkind = 'log_context'\nclass.name = 'org.apache.logging.**'\nmethod.name = 'get*'",
            "[[rule]]\nname = 'proxies-too'\nkind = 'operation'\nclass.name = 'org.h2.**'\nclass.proxies = true\nmethod.name = 'get*'");

    @TempDir
    Path dir;

    @Test
    void theRulesSelectWhatByteBuddysReadingOfTheSameClassFilesSelects() throws Exception {
        List<Path> classPath = List.of(jarOf(ObjectMapper.class), jarOf(com.fasterxml.jackson.core.JsonParser.class),
                jarOf(com.fasterxml.jackson.annotation.JsonProperty.class), jarOf(org.h2.Driver.class),
                jarOf(org.apache.logging.log4j.core.Logger.class), jarOf(org.apache.logging.log4j.Logger.class),
                jarOf(com.zaxxer.hikari.HikariDataSource.class), jarOf(org.example.node.NodeMain.class));
        List<Rule> rules = TestConfigs.load(dir, RULES).rules();
        Map<Rule, List<String>> ours = RuleExplainer.explain(rules, classPath);
        List<String> classes = classNames(classPath);
        int total = 0;
        try (ClassFileLocator locator = locator(classPath)) {
            TypePool pool = TypePool.Default.of(locator);
            for (Rule rule : rules) {
                List<String> theirs = selectedByByteBuddy(rule, pool, classes);
                assertEquals(theirs, ours.get(rule), rule.name() + ": only ByteBuddy's " + missing(ours.get(rule), theirs)
                        + ", only ours " + missing(theirs, ours.get(rule)));
                total += theirs.size();
            }
        }
        assertTrue(total > 20_000, "the rules selected " + total + " methods in all");
        // The candidate filter, which runs first on every class, lets every class with a selected method through.
        try (ClassPathFiles classFiles = new ClassPathFiles(classPath)) {
            ClassLoader node = getClass().getClassLoader();
            java.util.Set<String> nodeClasses = new java.util.HashSet<>(classes);
            for (Rule rule : rules) {
                CandidateFilter filter = new CandidateFilter(List.of(rule), classFiles, false);
                for (String method : ours.get(rule)) {
                    String className = method.substring(0, method.lastIndexOf('.', method.indexOf('(')));
                    byte[] classFile = classFiles.read(className);
                    boolean jdk = !nodeClasses.contains(className);
                    assertTrue(filter.mayMatch(jdk ? null : node, classFile), rule.name() + " selects " + method + " past the filter");
                }
            }
        }
        for (Rule rule : rules) {
            assertTrue(!ours.get(rule).isEmpty(), rule.name() + " selects something, so that it is compared");
        }
    }

    /** The first few of {@code all} that {@code some} lacks. */
    private static List<String> missing(List<String> some, List<String> all) {
        java.util.Set<String> present = new java.util.HashSet<>(some);
        return all.stream().filter(method -> !present.contains(method)).limit(5).collect(java.util.stream.Collectors.toList());
    }

    /** What the matching selected when it ran on ByteBuddy's type descriptions and matchers. */
    private static List<String> selectedByByteBuddy(Rule rule, TypePool pool, List<String> classes) throws Exception {
        List<String> selected = new ArrayList<>();
        ElementMatcher<TypeDescription> types = types(rule.classes());
        ElementMatcher<MethodDescription> methods = methods(rule);
        boolean jdk = RuleMatchers.mayMatchJdkClasses(rule);
        List<String> names = new ArrayList<>(classes);
        if (jdk) {
            names.addAll(JdkClasses.names());
        }
        for (String name : names) {
            TypePool.Resolution resolution = pool.describe(name);
            if (!resolution.isResolved()) {
                continue;
            }
            TypeDescription type = resolution.resolve();
            try {
                if (!ancestorsFound(type) || isProtected(type) || !types.matches(type)) {
                    continue;
                }
                for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                    if (methods.matches(method)) {
                        selected.add(type.getName() + "." + method.getName() + "(" + String.join(", ", parameterTypes(method)) + ")");
                    }
                }
            } catch (TypePool.Resolution.NoSuchTypeException e) {
                continue;  // an ancestor the class path lacks: the class could not load
            }
        }
        return selected;
    }

    /** Whether the class could load: ByteBuddy finds every ancestor in the class path or the JDK, or throws. */
    private static boolean ancestorsFound(TypeDescription type) {
        if (type.getSuperClass() != null) {
            ancestorsFound(type.getSuperClass().asErasure());
        }
        type.getInterfaces().asErasures().forEach(ClassReadingAgreementTest::ancestorsFound);
        return true;
    }

    private static boolean isProtected(TypeDescription type) {
        String name = type.getName();
        boolean concurrent = name.startsWith("java.util.concurrent.") && name.indexOf('.', "java.util.concurrent.".length()) < 0;
        return concurrent ? !hasSuperType(named(ProtectedClasses.EXECUTOR)).matches(type) : ProtectedClasses.isProtectedByName(name);
    }

    private static ElementMatcher.Junction<TypeDescription> types(ClassSelector selector) {
        ElementMatcher.Junction<TypeDescription> matcher = not(type -> isExcluded(selector.excluded(), type.getName()));
        if (selector.name().isPresent()) {
            matcher = matcher.and(type -> selector.name().get().matches(type.getName()));
        }
        if (selector.supertype().isPresent()) {
            matcher = matcher.and(hasSuperType(named(selector.supertype().get())));
        }
        if (selector.annotation().isPresent()) {
            matcher = matcher.and(isAnnotatedWith(named(selector.annotation().get())));
        }
        if (!selector.proxies()) {
            matcher = matcher.and(type -> !GeneratedClasses.isGenerated(type.getName(),
                    type.getSuperClass() == null ? null : type.getSuperClass().asErasure().getName(),
                    type.getInterfaces().asErasures().stream().map(TypeDescription::getName).collect(java.util.stream.Collectors.toList())));
        }
        return matcher;
    }

    private static ElementMatcher.Junction<MethodDescription> methods(Rule rule) {
        MethodSelector selector = rule.methods();
        ElementMatcher.Junction<MethodDescription> matcher = isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic()))
                .and(not(isBridge())).and(method -> selector.name().matches(method.getName()))
                .and(method -> !isExcluded(selector.excluded(), method.getName()));
        if (rule.kind().changesFirstArgument() || rule.kind().sendsFirstArgument()) {
            matcher = matcher.and(method -> !method.getParameters().isEmpty());
        }
        if (rule.kind().changesReturnValue()) {
            matcher = matcher.and(method -> !method.getDescriptor().endsWith(")V"));
        }
        if (selector.annotation().isPresent()) {
            matcher = matcher.and(isAnnotatedWith(named(selector.annotation().get())));
        }
        if (selector.parameterTypes().isPresent()) {
            List<String> wanted = selector.parameterTypes().get();
            matcher = matcher.and(method -> parameterTypes(method).equals(wanted));
        }
        if (selector.parameterCount().isPresent()) {
            matcher = matcher.and(method -> method.getParameters().size() == selector.parameterCount().getAsInt());
        }
        if (selector.isStatic().isPresent()) {
            matcher = matcher.and(method -> method.isStatic() == selector.isStatic().get());
        }
        if (selector.isPublic().isPresent()) {
            matcher = matcher.and(method -> method.isPublic() == selector.isPublic().get());
        }
        return matcher;
    }

    /** As ASM names the descriptor's types: a type a library only names need not be there. */
    private static List<String> parameterTypes(MethodDescription method) {
        return java.util.Arrays.stream(Type.getArgumentTypes(method.getDescriptor())).map(Type::getClassName)
                .collect(java.util.stream.Collectors.toList());
    }

    private static boolean isExcluded(List<NamePattern> excluded, String name) {
        return excluded.stream().anyMatch(pattern -> pattern.matches(name));
    }

    private static ClassFileLocator locator(List<Path> classPath) throws Exception {
        List<ClassFileLocator> locators = new ArrayList<>();
        for (Path entry : classPath) {
            locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile()) : ClassFileLocator.ForJarFile.of(entry.toFile()));
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        return new ClassFileLocator.Compound(locators);
    }

    private static List<String> classNames(List<Path> classPath) throws Exception {
        List<String> names = new ArrayList<>();
        for (Path entry : classPath) {
            names.addAll(RuleExplainer.classNames(entry));
        }
        return names;
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toPath();
    }
}
