package io.nodescope.agent.matching;

import io.nodescope.agent.config.NamePattern;
import java.util.List;
import java.util.Optional;

/**
 * Classes no rule ever instruments: the agent's own, and the JDK core that the agent runs on a
 * node's thread for every recorded call (the re-entrancy check itself, reading values, timing,
 * counting, opening and ending spans) and while it transforms a class. Advice there would run
 * inside the agent's own work on every call it records, and at startup it would rewrite classes
 * the rewriting itself is using.
 *
 * <p>Left open, on purpose: what only the agent's own threads use (exporters, the {@code /metrics}
 * server: {@code java.io}, {@code java.nio}, {@code java.net}, {@code javax.net.ssl},
 * {@code com.sun.net.httpserver}), where the agent's thread guard already leaves every call
 * unrecorded; {@code java.util.zip}, {@code java.util.jar} and the rest of {@code java.util}'s
 * subpackages; the JDK HTTP client ({@code jdk.internal.net.http}, which the {@code jdk-http-client}
 * pack and {@code inject} rules select); and, within {@code java.util.concurrent}, the executors
 * (which the {@code executors} pack selects and the agent never calls while recording).
 */
public final class ProtectedClasses {

    /** A protected package and, when it ends in {@code .**}, its subpackages; with why it is protected. */
    private static final class Area {
        final String prefix;
        final boolean subpackages;
        final String reason;

        Area(String name, String reason) {
            this.subpackages = name.endsWith(".**");
            this.prefix = (subpackages ? name.substring(0, name.length() - 3) : name) + ".";
            this.reason = reason;
        }

        boolean contains(String className) {
            return className.startsWith(prefix) && (subpackages || className.indexOf('.', prefix.length()) < 0);
        }

        /** Whether a class name starting with {@code literal} (a glob's fixed start) can be in this area. */
        boolean mayContainStartingWith(String literal) {
            if (literal.startsWith(prefix)) {
                return subpackages || literal.indexOf('.', prefix.length()) < 0;
            }
            return prefix.startsWith(literal) && literal.indexOf('.') >= 0;
        }

        String packageName() {
            return prefix.substring(0, prefix.length() - 1) + (subpackages ? ".**" : "");
        }
    }

    private static final String OWN = "the agent's own code";
    private static final String PER_CALL = ", which the agent uses on the node's thread for every call it records";
    private static final String INTERNALS = "JDK internals behind reflection, method handles and concurrency" + PER_CALL;

    /** Whose executors stay selectable. */
    private static final Area CONCURRENT =
            new Area("java.util.concurrent", "concurrent maps and queues" + PER_CALL + "; only its executors may be selected");

    private static final List<Area> AREAS = List.of(
            new Area("io.nodescope.agent.**", OWN),
            new Area("io.nodescope.bootstrap.**", OWN),
            new Area("io.nodescope.instrumentation.**", OWN),
            new Area("io.nodescope.shaded.**", "the agent's own relocated libraries"),
            new Area("net.bytebuddy.**", "the class rewriting library the agent uses"),
            new Area("java.lang.**", "threads, strings, reflection and method handles" + PER_CALL + " and to rewrite classes"),
            new Area("java.util", "collections" + PER_CALL),
            CONCURRENT,
            new Area("java.util.concurrent.atomic", "the counters the agent records into"),
            new Area("java.util.concurrent.locks", "the locks of the agent's span queue"),
            new Area("java.util.function", "lambdas" + PER_CALL),
            new Area("java.util.stream", "streams, which the agent uses while it binds rules to a class being loaded"),
            new Area("java.util.regex", "regular expressions, which the agent matches name globs with while a class loads"),
            new Area("jdk.internal.**", INTERNALS),
            new Area("sun.misc", INTERNALS),
            new Area("sun.reflect.**", INTERNALS),
            new Area("sun.invoke.**", INTERNALS));

    /** Inside a protected area, left to rules: the JDK HTTP client, which the agent's per-call path never calls. */
    private static final Area OPEN = new Area("jdk.internal.net.http.**", "");

    static final String EXECUTOR = "java.util.concurrent.Executor";

    private ProtectedClasses() {
    }

    /**
     * Whether the class is never instrumented, judged by its name alone; a class of
     * {@code java.util.concurrent} passes here and is judged by {@link #isProtected(String, Ancestors)}.
     */
    public static boolean isProtectedByName(String className) {
        Area area = area(className);
        return area != null && area != CONCURRENT;
    }

    /**
     * Whether the class is never instrumented; {@code ancestors} as the candidate filter found them,
     * which includes {@link #EXECUTOR} whenever a rule can select a JDK class.
     */
    public static boolean isProtected(String className, Ancestors ancestors) {
        Area area = area(className);
        return area == CONCURRENT ? !ancestors.reaches(EXECUTOR) : area != null;
    }

    /** Whether the loaded class is never instrumented. */
    public static boolean isProtected(Class<?> type) {
        Area area = area(type.getName());
        return area == CONCURRENT ? !isExecutor(type) : area != null;
    }

    private static boolean isExecutor(Class<?> type) {
        if (type == null) {
            return false;
        }
        if (type.getName().equals(EXECUTOR) || isExecutor(type.getSuperclass())) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isExecutor(implemented)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When a rule's class name pattern names a protected class or reaches into a protected package:
     * which package and why, as a sentence's end; else empty.
     */
    public static Optional<String> reachedBy(NamePattern pattern) {
        if (pattern.isExact()) {
            Area area = area(pattern.text());
            if (area == null || area == CONCURRENT && isExecutor(pattern.text())) {
                return Optional.empty();
            }
            return Optional.of(describe(area));
        }
        String literal = RuleMatchers.literalPrefix(pattern);
        if (literal.isEmpty() || literal.startsWith(OPEN.prefix)) {
            return Optional.empty();
        }
        StringBuilder reached = new StringBuilder();
        for (Area area : AREAS) {
            if (area.mayContainStartingWith(literal)) {
                reached.append(reached.length() == 0 ? "" : "; ").append(describe(area));
            }
        }
        return reached.length() == 0 ? Optional.empty() : Optional.of(reached.toString());
    }

    private static String describe(Area area) {
        return area.packageName() + " (" + area.reason + ")";
    }

    /** The protected packages, as written in the docs. */
    public static List<String> packages() {
        return AREAS.stream().map(Area::packageName).collect(java.util.stream.Collectors.toList());
    }

    private static boolean isExecutor(String className) {
        try {
            return isExecutor(Class.forName(className, false, null));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Area area(String className) {
        if (OPEN.contains(className)) {
            return null;
        }
        for (Area area : AREAS) {
            if (area.contains(className)) {
                return area;
            }
        }
        return null;
    }
}
