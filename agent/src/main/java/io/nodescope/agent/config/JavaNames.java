package io.nodescope.agent.config;

import java.util.List;
import java.util.Optional;

/**
 * Checks the names a rule selects by, so that a typo is an error at load rather than a rule that
 * silently selects nothing: Java names (segments of identifier characters separated by single
 * dots, nested classes with {@code $}), and where globs are allowed {@code *}, {@code **} and
 * {@code ?}. Each check returns why the name is not valid, or empty.
 */
public final class JavaNames {

    /** Longer names are refused: no class or method name comes close. */
    static final int MAX_LENGTH = 512;

    private static final String GLOBS = " (* matches within a segment, ** across segments, ? one character; docs/rules.md#names-and-globs)";

    /** Packages of the JDK's own classes, which the bootstrap and platform class loaders define. */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private JavaNames() {
    }

    /** Whether a name (or a glob's fixed start) is in one of the JDK's packages. */
    public static boolean isJdkName(String name) {
        return JDK_PACKAGES.stream().anyMatch(name::startsWith);
    }

    /** {@code class.name}, {@code exclude.classes}: a fully qualified class name, exact or a glob. */
    static Optional<String> classPattern(String name) {
        Optional<String> common = common(name, true);
        if (common.isPresent()) {
            return common;
        }
        if (name.contains("***")) {
            return Optional.of("*** means nothing more than **; write ** to match across packages, * within one" + GLOBS);
        }
        return segments(name, true, "a fully qualified class name like org.example.node.PublishCommand, or a glob" + GLOBS);
    }

    /** {@code class.supertype}, {@code class.annotation}, {@code method.annotation}: one exact fully qualified name. */
    static Optional<String> exactClassName(String name) {
        Optional<String> common = common(name, false);
        if (common.isPresent()) {
            return common;
        }
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            return Optional.of("is an exact fully qualified name; globs (* and ?) select by class.name only");
        }
        return segments(name, false, "an exact fully qualified name like org.example.node.Command");
    }

    /** {@code method.name}, {@code exclude.methods}: a method name, exact or a glob. */
    static Optional<String> methodPattern(String name) {
        Optional<String> common = common(name, true);
        if (common.isPresent()) {
            return common;
        }
        if (name.contains("***")) {
            return Optional.of("*** means nothing; write * to match any method name (** means nothing in a method name either:"
                    + " a method name has no dots)");
        }
        if (name.contains("**")) {
            return Optional.of("** means nothing in a method name (it has no dots to match across); write *");
        }
        if (name.indexOf('.') >= 0) {
            return Optional.of("'.' cannot be in a method name; give the class as class.name and the method's own name here,"
                    + " like execute or execute*");
        }
        return segments(name, true, "a method name like execute, or a glob like execute*");
    }

    /** An element of {@code method.parameters}: a primitive or a fully qualified class, with {@code []} per dimension. */
    static Optional<String> typeName(String name) {
        String element = name;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        if (element.isEmpty() || common(element, false).isPresent() || segments(element, false, "").isPresent()) {
            return Optional.of("'" + name + "' is not a Java type name; write a primitive or a fully qualified class, with []"
                    + " per array dimension: int, java.lang.String, byte[]");
        }
        return Optional.empty();
    }

    private static Optional<String> common(String name, boolean globs) {
        if (name.isEmpty()) {
            return Optional.of("is empty; write " + (globs ? "a name or a glob" : "a fully qualified name"));
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> segments(String name, boolean globs, String expected) {
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            if (end == start) {
                return Optional.of("has an empty segment (a leading, trailing or doubled '.'); expected " + expected);
            }
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                boolean wildcard = globs && (c == '*' || c == '?');
                if (wildcard) {
                    continue;
                }
                boolean valid = i == start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
                if (!valid || Character.isIdentifierIgnorable(c)) {
                    String shown = c < 0x20 || c >= 0x7F && c <= 0x9F ? String.format("U+%04X", (int) c) : "'" + c + "'";
                    return Optional.of(shown + (i == start && Character.isJavaIdentifierPart(c) ? " cannot start a segment"
                            : " cannot be in a Java name") + "; expected " + expected);
                }
            }
            if (dot < 0) {
                return Optional.empty();
            }
            start = dot + 1;
        }
    }
}
