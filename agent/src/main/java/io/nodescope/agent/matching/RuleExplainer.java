package io.nodescope.agent.matching;

import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.RuleValue;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.sites.GeneratedClasses;
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
        try (ApplicationClassPath application = ApplicationClassPath.of(classPath);
                ClassPathFiles classFiles = new ClassPathFiles(application.entries())) {
            List<String> classNames = new ArrayList<>();
            for (Path entry : application.entries()) {
                classNames.addAll(classNames(entry));
            }
            CandidateFilter candidates = new CandidateFilter(rules, classFiles, true);
            boolean[] everyRule = new boolean[rules.size()];
            Arrays.fill(everyRule, true);
            for (String className : classNames) {
                selectIn(classFiles.read(className), candidates, rules, matchers, everyRule, selected);
            }
            // The JDK's classes, for the rules that can select one (a JDK supertype, a JDK package in the name).
            if (anyOf(reachesJdk)) {
                for (String className : JdkClasses.names()) {
                    selectIn(classFiles.read(className), candidates, rules, matchers, reachesJdk, selected);
                }
            }
        }
        return selected;
    }

    /** {@code classFile}: null when the class path and the JDK lack it. */
    private static void selectIn(byte[] classFile, CandidateFilter candidates, List<Rule> rules, List<RuleMatchers> matchers,
            boolean[] considered, Map<Rule, Selection> selected) {
        if (classFile == null) {
            return;
        }
        ClassOutline type;
        try {
            type = ClassOutline.read(classFile);
        } catch (RuntimeException e) {
            return;  // not a class file the JVM would load either
        }
        Ancestors ancestors = candidates.ancestors(null, type);
        // A class whose ancestors are not in the class path or the JDK (a library's optional integration) cannot load from it.
        if (!ancestors.allFound() || ProtectedClasses.isProtected(type.name(), ancestors)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (considered[i] && matchers.get(i).selectsClass(type, ancestors)) {
                for (MethodOutline method : type.methods()) {
                    if (matchers.get(i).selectsMethod(method)) {
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
    static List<String> classNames(Path entry) throws IOException {
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
     * What a site needs to know of a method, read from its descriptor: the types it names need not be
     * found (a library's optional dependency), as the JVM itself only looks them up when they are used.
     * A static method runs as its class, or the user's class behind a generated one; so does a method
     * of a final class that is not generated. Any other may run on a subclass.
     */
    public static MethodShape shape(ClassOutline type, MethodOutline method) {
        String name = type.name();
        boolean generated = GeneratedClasses.isGenerated(name, type.superName(), type.interfaceNames());
        String fixedClass = method.isStatic() && generated ? GeneratedClasses.userClassName(name, type.superName(), type.interfaceNames())
                : method.isStatic() || type.isFinal() && !generated ? name : null;
        return new MethodShape(name, method.name(), method.parameterTypes().size(), method.returnsVoid(), fixedClass);
    }

    private static List<String> unreadableValues(Rule rule, ClassOutline type, MethodOutline method) {
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

    private static String describe(ClassOutline type, MethodOutline method) {
        return type.name() + "." + method.name() + "(" + String.join(", ", method.parameterTypes()) + ")";
    }
}
