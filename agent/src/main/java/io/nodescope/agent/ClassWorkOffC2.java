package io.nodescope.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the JIT's top tier (C2) off the agent's code that runs once per class the node loads: the
 * candidate filter, the rewriting and the class file library under it. A start of thousands of
 * classes makes that code hot, and C2 then compiles its entry points into units of 30–60 KB, some
 * 280–300 ms of a compiler thread each, near the end of the start, on the two cores the node's start runs on; C1's
 * code is fast enough for what is left to load. Done as {@code jcmd <pid> Compiler.directives_add}
 * would, through the JVM's diagnostic command; only the agent's own classes match, and the code a
 * call of the node runs (sites, dispatch, metrics, spans) is not among them. Nothing is added when
 * the JVM has no C1 to fall back on ({@code -XX:-TieredCompilation}) or no {@code jdk.management}.
 */
final class ClassWorkOffC2 {

    /** The classes whose methods run per class loaded or rewritten, never per call of the node's. */
    static final String DIRECTIVE = "[{match: [\"io/nodescope/agent/matching/*.*\", \"io/nodescope/agent/transform/*.*\","
            + " \"io/nodescope/agent/StartingTransformer.*\", \"io/nodescope/shaded/bytebuddy/*.*\"], c2: {Exclude: true}}]";
    private static final String COMMANDS = "com.sun.management.internal";

    private ClassWorkOffC2() {
    }

    /** Adds {@link #DIRECTIVE}; says why not when the JVM refuses in a way a JVM with the JIT's usual setup should not. */
    static void apply(Instrumentation instrumentation) {
        Optional<Module> management = ModuleLayer.boot().findModule("jdk.management");
        if (management.isEmpty()) {
            return;
        }
        try {
            String answer = addDirective(instrumentation, management.get());
            if (answer != null && !answer.contains("1 compiler directives added")) {
                AgentLog.info("the JIT's top tier compiles the agent's class rewriting as well (" + answer.strip() + ")");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError | IOException e) {
            AgentLog.info("the JIT's top tier compiles the agent's class rewriting as well (" + e + ")");
        }
    }

    /** The command's answer, or null when the JVM runs without tiered compilation. */
    private static String addDirective(Instrumentation instrumentation, Module management)
            throws ReflectiveOperationException, IOException {
        ClassLoader loader = management.getClassLoader();
        // Its static initializer loads the native library the diagnostic commands run in.
        Class.forName(COMMANDS + ".PlatformMBeanProviderImpl", true, loader);
        instrumentation.redefineModule(management, Set.of(), Map.of(), Map.of(COMMANDS, Set.of(ClassWorkOffC2.class.getModule())),
                Set.of(), Map.of());
        Class<?> commands = Class.forName(COMMANDS + ".DiagnosticCommandImpl", true, loader);
        Method mbean = commands.getDeclaredMethod("getDiagnosticCommandMBean");
        mbean.setAccessible(true);
        Method execute = commands.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        Object command = mbean.invoke(null);
        if (((String) run(execute, command, "VM.flags")).contains("-XX:-TieredCompilation")) {
            return null;
        }
        // Not Files.createTempFile, whose random names initialize SecureRandom, nor named by the process id, which
        // ProcessHandle takes 6 ms to tell; CREATE_NEW never writes into a file that was there (nor through a link).
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "nodescope-jit-" + Long.toHexString(System.nanoTime()) + "-"
                + Integer.toHexString(System.identityHashCode(new Object())) + ".json");
        Files.write(file, DIRECTIVE.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return (String) run(execute, command, "Compiler.directives_add \"" + file + "\"");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Object run(Method execute, Object command, String line) throws ReflectiveOperationException {
        try {
            return execute.invoke(command, line);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(line + ": " + e.getCause(), e.getCause());
        }
    }
}
