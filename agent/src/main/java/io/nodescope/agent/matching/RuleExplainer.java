package io.nodescope.agent.matching;

import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.RuleValue;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.sites.MethodShape;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Which methods of a jar (or class path) each rule selects, without loading or running any of its classes: the
 * rules file's author sees what a change would instrument before deploying it.
 */
public final class RuleExplainer {

    private RuleExplainer() {
    }

    /** What one rule selects in a class path. */
    public static final class Selection {
        private final List<String> methods = new ArrayList<>();
        private final Set<String> unreadableValues = new LinkedHashSet<>();

        /** The selected methods as {@code com.example.Class.method(paramTypes)}, in class path order. */
        public List<String> methods() {
            return methods;
        }

        /**
         * The rule's values that can never be read on a method it selects ({@code $arg3} of a method
         * with one parameter, {@code $return} of a void method), one line per value and method.
         */
        public List<String> unreadableValues() {
            return new ArrayList<>(unreadableValues);
        }
    }

    /** For each rule, the selected methods as {@code com.example.Class.method(paramTypes)}, in jar order. */
    public static Map<Rule, List<String>> explain(List<Rule> rules, Path jar) throws IOException {
        return explain(rules, List.of(jar));
    }

    /** The same over the jars and class directories of a class path, in class path order. */
    public static Map<Rule, List<String>> explain(List<Rule> rules, List<Path> classPath) throws IOException {
        Map<Rule, List<String>> methods = new LinkedHashMap<>();
        select(rules, classPath).forEach((rule, selection) -> methods.put(rule, selection.methods()));
        return methods;
    }

    /**
     * For each rule, what it selects in the jars and class directories of a class path. Classes the
     * agent never instruments ({@link ProtectedClasses}) are left out, as they are at runtime.
     */
    public static Map<Rule, Selection> select(List<Rule> rules, List<Path> classPath) throws IOException {
        Map<Rule, Selection> selected = new LinkedHashMap<>();
        List<RuleMatchers> matchers = new ArrayList<>();
        boolean[] reachesJdk = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            selected.put(rules.get(i), new Selection());
            matchers.add(RuleMatchers.of(rules.get(i)));
            reachesJdk[i] = RuleMatchers.mayMatchJdkClasses(rules.get(i));
        }
        try (ApplicationClassPath application = ApplicationClassPath.of(classPath)) {
            List<String> classNames = new ArrayList<>();
            List<ClassFileLocator> locators = new ArrayList<>();
            for (Path entry : application.entries()) {
                classNames.addAll(classNames(entry));
                locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile())
                        : ClassFileLocator.ForJarFile.of(entry.toFile()));
            }
            locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
            try (ClassFileLocator locator = new ClassFileLocator.Compound(locators)) {
                TypePool pool = TypePool.Default.of(locator);
                boolean[] everyRule = new boolean[rules.size()];
                Arrays.fill(everyRule, true);
                for (String className : classNames) {
                    selectIn(pool.describe(className).resolve(), rules, matchers, everyRule, selected);
                }
                // The JDK's classes, for the rules that can select one (a JDK supertype, a JDK package in the name).
                if (anyOf(reachesJdk)) {
                    for (String className : JdkClasses.names()) {
                        TypePool.Resolution resolution = pool.describe(className);
                        if (resolution.isResolved()) {
                            selectIn(resolution.resolve(), rules, matchers, reachesJdk, selected);
                        }
                    }
                }
            }
        }
        return selected;
    }

    private static void selectIn(TypeDescription type, List<Rule> rules, List<RuleMatchers> matchers, boolean[] considered,
            Map<Rule, Selection> selected) {
        if (isProtected(type)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (considered[i] && matches(matchers.get(i), type)) {
                for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                    if (matches(matchers.get(i), method)) {
                        Selection selection = selected.get(rules.get(i));
                        selection.methods.add(describe(type, method));
                        selection.unreadableValues.addAll(unreadableValues(rules.get(i), type, method));
                    }
                }
            }
        }
    }

    private static boolean anyOf(boolean[] values) {
        for (boolean value : values) {
            if (value) {
                return true;
            }
        }
        return false;
    }

    /** The classes of a jar or directory, in jar order or sorted by name. */
    private static List<String> classNames(Path entry) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> walk = Files.walk(entry)) {
                walk.filter(Files::isRegularFile).map(file -> entry.relativize(file).toString().replace(File.separatorChar, '/'))
                        .sorted().forEach(files::add);
            }
        } else {
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    files.add(entries.nextElement().getName());
                }
            }
        }
        List<String> classNames = new ArrayList<>();
        for (String name : files) {
            if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                classNames.add(name.substring(0, name.length() - 6).replace('/', '.'));
            }
        }
        return classNames;
    }

    /**
     * A class whose supertypes are not in the jar or the JDK (a library's optional integration)
     * cannot be loaded from it, so no rule selects it.
     */
    private static boolean matches(RuleMatchers matchers, TypeDescription type) {
        try {
            return matchers.types().matches(type);
        } catch (TypePool.Resolution.NoSuchTypeException e) {
            return false;
        }
    }

    /** A method whose annotations name a type the class path lacks is skipped, as its class could not be described. */
    private static boolean matches(RuleMatchers matchers, MethodDescription method) {
        try {
            return matchers.methods().matches(method);
        } catch (TypePool.Resolution.NoSuchTypeException e) {
            return false;
        }
    }

    private static boolean isProtected(TypeDescription type) {
        try {
            return ProtectedClasses.isProtected(type);
        } catch (TypePool.Resolution.NoSuchTypeException e) {
            return false;
        }
    }

    /**
     * What a site needs to know of a method, read from its descriptor: the types it names need not be
     * found (a library's optional dependency), as the JVM itself only looks them up when they are used.
     * A static method runs as its class, or the user's class behind a generated one; so does a method
     * of a final class that is not generated. Any other may run on a subclass.
     */
    public static MethodShape shape(TypeDescription type, MethodDescription method) {
        String fixedClass = method.isStatic() ? GeneratedTypes.userClassName(type)
                : type.isFinal() && !GeneratedTypes.isGenerated(type) ? type.getName() : null;
        return new MethodShape(type.getName(), method.getName(), method.getParameters().size(), method.getDescriptor().endsWith(")V"),
                fixedClass);
    }

    private static List<String> unreadableValues(Rule rule, TypeDescription type, MethodDescription method) {
        MethodShape shape = shape(type, method);
        List<String> unreadable = new ArrayList<>();
        for (Map.Entry<String, RuleValue> value : new TreeMap<>(rule.values()).entrySet()) {
            List<String> why = new ArrayList<>();
            for (ValueExpression alternative : value.getValue().alternatives()) {
                shape.unreadable(alternative).ifPresent(why::add);
            }
            if (why.size() == value.getValue().alternatives().size()) {
                unreadable.add("values." + value.getKey() + " = \"" + value.getValue().text() + "\" " + String.join("; ", why));
            }
        }
        return unreadable;
    }

    private static String describe(TypeDescription type, MethodDescription method) {
        return type.getName() + "." + method.getName() + "(" + String.join(", ", parameterNames(method.getDescriptor())) + ")";
    }

    /** The parameter types of a method descriptor as Java writes them ({@code int}, {@code byte[]}, {@code java.util.List}). */
    static List<String> parameterNames(String descriptor) {
        List<String> names = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int dimensions = 0;
            while (descriptor.charAt(i) == '[') {
                dimensions++;
                i++;
            }
            String name;
            if (descriptor.charAt(i) == 'L') {
                int end = descriptor.indexOf(';', i);
                name = descriptor.substring(i + 1, end).replace('/', '.');
                i = end + 1;
            } else {
                name = PRIMITIVES.get(descriptor.charAt(i));
                i++;
            }
            names.add(name + "[]".repeat(dimensions));
        }
        return names;
    }

    private static final Map<Character, String> PRIMITIVES = Map.of('Z', "boolean", 'B', "byte", 'C', "char", 'S', "short", 'I', "int",
            'J', "long", 'F', "float", 'D', "double");
}
