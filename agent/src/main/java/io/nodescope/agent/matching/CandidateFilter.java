package io.nodescope.agent.matching;

import io.nodescope.agent.config.ClassSelector;
import io.nodescope.agent.config.NamePattern;
import io.nodescope.agent.config.Rule;
import io.nodescope.agent.sites.GeneratedClasses;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides from the bytes of a class file, before the rules' matchers read the class, whether any
 * rule might select it. Reading every class the node loads in full costs more than the node's own
 * start; this reads only names, the constant pool and the methods table, and tells generated
 * classes (proxies) from their header, so that they cost nothing unless a rule opts in; for a rule
 * with a method name, a class none of whose methods of that name the rule's method selectors take,
 * for a rule without one a class that declares no method with code (an interface, an annotation),
 * is ruled out before its ancestors are followed (following those not loaded yet costs 0.1–3 ms a
 * class through some loaders). It may say
 * yes to a class no rule selects, never no to one that a rule does: {@link RuleMatchers} decide for
 * the classes it lets through, with the ancestors it found ({@link #ancestors}).
 */
public final class CandidateFilter {

    private final List<Outline> outlines = new ArrayList<>();
    private final SupertypeIndex supertypes;

    /** Reads the ancestors of a class through its class loader. */
    public CandidateFilter(List<Rule> rules) {
        this(rules, SupertypeIndex.LOADERS, false);
    }

    /**
     * Reads the ancestors of a class from {@code classFiles}, all of them when {@code everyAncestor}
     * (so that {@link Ancestors#allFound} tells a class that could not load).
     */
    CandidateFilter(List<Rule> rules, SupertypeIndex.ClassFiles classFiles, boolean everyAncestor) {
        Set<String> wanted = new HashSet<>();
        for (Rule rule : rules) {
            outlines.add(new Outline(rule));
            rule.classes().supertype().ifPresent(wanted::add);
        }
        if (RuleMatchers.anyMayMatchJdkClasses(rules)) {
            wanted.add(ProtectedClasses.EXECUTOR);  // which classes of java.util.concurrent may be selected
        }
        supertypes = new SupertypeIndex(wanted, classFiles, everyAncestor);
    }

    private CandidateFilter(List<Rule> rules, SupertypeIndex supertypes) {
        for (Rule rule : rules) {
            outlines.add(new Outline(rule));
        }
        this.supertypes = supertypes;
    }

    /** The filter of some of this filter's rules, sharing the ancestors it reads. */
    public CandidateFilter forRules(List<Rule> some) {
        return new CandidateFilter(some, supertypes);
    }

    /**
     * Stops letting classes through for the rule at this index (in the order given): it selects no
     * more methods.
     */
    public void retire(int rule) {
        outlines.get(rule).retired = true;
    }

    /** {@code loader} is null for the bootstrap loader. */
    public boolean mayMatch(ClassLoader loader, byte[] classFile) {
        boolean jdk = RuleMatchers.isJdkLoader(loader);
        try {
            ClassOutline header = ClassOutline.read(classFile);
            Boolean generated = null;  // told only for a class some rule's names let through
            Ancestors reached = null;
            for (Outline outline : outlines) {
                if (!outline.mayApply(jdk) || !outline.mayMatchWithoutAncestors(header) || !outline.selectsADeclaredMethod(header)) {
                    continue;
                }
                if (!outline.generated) {
                    if (generated == null) {
                        generated = GeneratedClasses.isGenerated(header.name(), header.superName(), header.interfaceNames());
                    }
                    if (generated) {
                        continue;
                    }
                }
                if (outline.supertype == null) {
                    return true;
                }
                if (reached == null) {
                    reached = supertypes.reached(loader, header);
                }
                if (reached.mayReach(outline.supertype)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return true;  // not readable here: ByteBuddy decides, and reports what is wrong
        }
    }

    /**
     * From now on, the ancestors a class loader already loaded are read from the loaded classes, not
     * their class files. Fails when the JVM does not let the agent reach a loader's loaded classes;
     * they are read from their class files then.
     */
    public static void readLoadedAncestors(Instrumentation instrumentation) throws ReflectiveOperationException {
        LoadedClasses.open(instrumentation);
    }

    /** The rules' supertypes (and {@link ProtectedClasses#EXECUTOR} when a rule reaches the JDK) the class is or inherits. */
    public Ancestors ancestors(ClassLoader loader, ClassOutline type) {
        return supertypes.reached(loader, type);
    }

    /**
     * For a class already loaded, whose ancestors are loaded too: whether a rule might select it,
     * judged by its name and supertypes.
     */
    public boolean mayMatch(Class<?> loaded) {
        boolean jdk = RuleMatchers.isJdkLoader(loaded.getClassLoader());
        boolean generated = GeneratedClasses.isGenerated(loaded);
        for (Outline outline : outlines) {
            if (outline.mayApply(jdk) && (outline.generated || !generated) && outline.nameMatches(loaded.getName())
                    && (outline.supertype == null || hasAncestor(loaded, outline.supertype))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAncestor(Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(name) || hasAncestor(type.getSuperclass(), name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasAncestor(implemented, name)) {
                return true;
            }
        }
        return false;
    }

    /** The parts of a rule's selectors that a class file's header and constant pool can rule out. */
    private static final class Outline {

        private final NamePattern name;
        private final String supertype;
        private final byte[] annotationDescriptor;
        /** The method name, or the fixed start of a glob (as {@code execute} of {@code execute*}); null when it has none. */
        private final byte[] methodName;
        private final boolean exactMethodName;
        /** Whether the rule may select classes of the JDK's loaders. */
        private final boolean jdk;
        /** Whether the rule may select generated classes ({@code class.proxies}). */
        private final boolean generated;
        /** The rule's method selectors, which judge a method on the class file alone. */
        private final RuleMatchers methods;
        /** Set once the rule selects no more methods. */
        private volatile boolean retired;

        Outline(Rule rule) {
            ClassSelector classes = rule.classes();
            jdk = RuleMatchers.mayMatchJdkClasses(rule);
            generated = classes.proxies();
            name = classes.name().orElse(null);
            supertype = classes.supertype().orElse(null);
            // A declared annotation leaves its name in the constant pool, a declared method in the methods table.
            annotationDescriptor = classes.annotation()
                    .map(type -> ClassOutline.encode("L" + type.replace('.', '/') + ";")).orElse(null);
            NamePattern method = rule.methods().name();
            String fixedStart = RuleMatchers.literalPrefix(method);
            methodName = fixedStart.isEmpty() ? null : ClassOutline.encode(fixedStart);
            exactMethodName = method.isExact();
            methods = RuleMatchers.of(rule);
        }

        boolean mayApply(boolean jdkClass) {
            return !retired && (jdk || !jdkClass);
        }

        boolean nameMatches(String className) {
            return name == null || name.matches(className);
        }

        /**
         * Whether a method the class declares of the rule's method name is one the rule selects (by
         * its flags, parameters and annotation; not a constructor, abstract or synthetic): a rule
         * selects only the methods a class declares. Checked once the names let the class through,
         * before its ancestors are followed: an interface that only declares the method, or a method
         * of the name with other parameters, needs no ancestor read. A rule without a method name
         * is checked only for a method it could take at all (one with code, not a constructor): an
         * interface, an annotation or an abstract shell then needs no ancestor read; reading every
         * method of every class in full would cost more than it spares.
         */
        boolean selectsADeclaredMethod(ClassOutline header) {
            if (methodName == null) {
                return header.declaresSelectableMethod();
            }
            for (MethodOutline method : header.methodsNamed(methodName, exactMethodName)) {
                if (methods.selectsMethod(method)) {
                    return true;
                }
            }
            return false;
        }

        boolean mayMatchWithoutAncestors(ClassOutline header) {
            // The method name first: it rules most classes out without naming them.
            return (methodName == null || header.declaresMethod(methodName, exactMethodName))
                    && (name == null || name.matches(header.name()))
                    && (annotationDescriptor == null || header.hasText(annotationDescriptor));
        }
    }
}
