package io.nodescope.agent.matching;

import io.nodescope.agent.config.Rule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** For each rule, the selected methods as {@code com.example.Class.method(paramTypes)}, in jar order. */
    public static Map<Rule, List<String>> explain(List<Rule> rules, Path jar) throws IOException {
        return explain(rules, List.of(jar));
    }

    /** The same over the jars and class directories of a class path, in class path order. */
    public static Map<Rule, List<String>> explain(List<Rule> rules, List<Path> classPath) throws IOException {
        Map<Rule, List<String>> selected = new LinkedHashMap<>();
        List<RuleMatchers> matchers = new ArrayList<>();
        for (Rule rule : rules) {
            selected.put(rule, new ArrayList<>());
            matchers.add(RuleMatchers.of(rule));
        }
        List<String> classNames = new ArrayList<>();
        List<ClassFileLocator> locators = new ArrayList<>();
        for (Path entry : classPath) {
            classNames.addAll(classNames(entry));
            locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile())
                    : ClassFileLocator.ForJarFile.of(entry.toFile()));
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        try (ClassFileLocator locator = new ClassFileLocator.Compound(locators)) {
            TypePool pool = TypePool.Default.of(locator);
            for (String className : classNames) {
                TypeDescription type = pool.describe(className).resolve();
                for (int i = 0; i < rules.size(); i++) {
                    if (matches(matchers.get(i), type)) {
                        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                            if (matchers.get(i).methods().matches(method)) {
                                selected.get(rules.get(i)).add(describe(type, method));
                            }
                        }
                    }
                }
            }
        }
        return selected;
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

    private static String describe(TypeDescription type, MethodDescription method) {
        List<String> parameters = new ArrayList<>();
        for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
            parameters.add(parameter.getActualName());
        }
        return type.getName() + "." + method.getName() + "(" + String.join(", ", parameters) + ")";
    }
}
