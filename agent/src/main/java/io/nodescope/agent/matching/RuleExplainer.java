package io.nodescope.agent.matching;

import io.nodescope.agent.config.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Which methods of a jar each rule selects, without loading or running any of its classes: the
 * rules file's author sees what a change would instrument before deploying it.
 */
public final class RuleExplainer {

    private RuleExplainer() {
    }

    /** For each rule, the selected methods as {@code com.example.Class.method(paramTypes)}, in jar order. */
    public static Map<Rule, List<String>> explain(List<Rule> rules, Path jar) throws IOException {
        Map<Rule, List<String>> selected = new LinkedHashMap<>();
        List<RuleMatchers> matchers = new ArrayList<>();
        for (Rule rule : rules) {
            selected.put(rule, new ArrayList<>());
            matchers.add(RuleMatchers.of(rule));
        }
        try (JarFile file = new JarFile(jar.toFile());
                ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.ForJarFile.of(jar.toFile()),
                        ClassFileLocator.ForClassLoader.ofPlatformLoader())) {
            TypePool pool = TypePool.Default.of(locator);
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.startsWith("META-INF/")) {
                    continue;
                }
                TypeDescription type = pool.describe(name.substring(0, name.length() - 6).replace('/', '.')).resolve();
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
