package io.nodescope.agent.transform;

import io.nodescope.agent.StartingTransformer;
import io.nodescope.agent.StartingTransformers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.matching.RuleLimits;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.agent.sites.SiteTable;
import io.nodescope.bootstrap.Dispatch;
import io.nodescope.instrumentation.site.Spans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.implementation.StubMethod;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the transformer does with rules that select too much or read what a method does not have:
 * a rule stops at the method limit and says so once; a value that can never be read on a method is
 * reported once and left out; a class that cannot be instrumented is counted, not logged per class.
 */
class ClassRewriterLimitsTest {

    private static final String PACKAGE = "io.nodescope.fixture.generated.";
    private static final int WIDE_METHODS = RuleLimits.METHODS_PER_RULE + 100;

    private static final String RULES = String.join("\n",
            "[[rule]]",
            "name = 'wide'",
            "kind = 'command'",
            "class.name = '" + PACKAGE + "Wide'",
            "method.name = 'm*'",
            "values.command = '$method'",
            "[[rule]]",
            "name = 'beyond-the-arguments'",
            "kind = 'command'",
            "class.name = '" + PACKAGE + "Shapes'",
            "method.name = 'run'",
            "values.command = '$arg3'",
            "values.operation_id = '$arg0'",
            "[[rule]]",
            "name = 'return-of-void'",
            "kind = 'task'",
            "class.name = '" + PACKAGE + "Shapes'",
            "method.name = 'fire'",
            "values.task = '$return'",
            "values.next_delay = '$return.seconds'");

    private static Instrumentation instrumentation;
    private static StartingTransformer transformer;
    private static MetricRegistry registry;
    private static SiteTable sites;
    private static ClassRewriter rewriter;
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static PrintStream originalErr;

    @BeforeAll
    static void install(@TempDir Path dir) throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(ERR, true, StandardCharsets.UTF_8));
        AgentConfig config = TestConfigs.load(dir, "[telemetry.metrics]\n" + RULES);
        instrumentation = ByteBuddyAgent.install();
        registry = new MetricRegistry("test", 5000, Map.of());
        sites = new SiteTable(registry, Spans.OFF, registry.self().adviceErrors(), TestConfigs.keepAllAttributes());
        Dispatch.install(sites);
        rewriter = new ClassRewriter(config.rules(), sites, registry.self());
        transformer = StartingTransformers.registered(instrumentation);
        rewriter.install(instrumentation, transformer, false).run();
    }

    @AfterAll
    static void uninstall() {
        instrumentation.removeTransformer(transformer);
        System.setErr(originalErr);
    }

    @Test
    void aRuleStopsAtTheMethodLimitAndSaysSoOnce() throws Exception {
        DynamicType.Builder<Object> wide = new ByteBuddy().subclass(Object.class).name(PACKAGE + "Wide");
        for (int i = 0; i < WIDE_METHODS; i++) {
            wide = wide.defineMethod("m" + i, void.class, Visibility.PUBLIC).intercept(StubMethod.INSTANCE);
        }
        Class<?> type = wide.make().load(new ClassLoader(getClass().getClassLoader()) { }, ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        Object instance = type.getConstructor().newInstance();
        for (Method method : type.getDeclaredMethods()) {
            method.invoke(instance);
        }
        MetricsText text = MetricsText.of(registry);
        assertEquals(RuleLimits.METHODS_PER_RULE, text.value("nodescope_instrumented_methods{rule=\"wide\"}"));
        long counted = text.text().lines().filter(line -> line.startsWith("node_command_total{command=\"m") && line.endsWith(" 1.0")).count();
        assertEquals(RuleLimits.METHODS_PER_RULE, counted, "only the methods instrumented before the limit record calls");
        assertEquals(1, occurrences("rule 'wide' ("), err());
        assertTrue(err().matches("(?s).*rule 'wide' \\([^)]*\\.toml:2\\) selected " + RuleLimits.METHODS_PER_RULE
                + " methods, the most one rule may instrument; it selects no more.*"), err());
    }

    @Test
    void aValueAMethodCannotHaveIsReportedOnceAndLeftOut() throws Exception {
        Class<?> type = new ByteBuddy().subclass(Object.class).name(PACKAGE + "Shapes")
                .defineMethod("run", String.class, Visibility.PUBLIC).withParameters(String.class).intercept(FixedValue.value("ran"))
                .defineMethod("fire", void.class, Visibility.PUBLIC).intercept(StubMethod.INSTANCE)
                .make().load(new ClassLoader(getClass().getClassLoader()) { }, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        Object shapes = type.getConstructor().newInstance();
        assertEquals("ran", type.getMethod("run", String.class).invoke(shapes, "op-1"));
        type.getMethod("fire").invoke(shapes);
        instrumentation.retransformClasses(type);
        type.getMethod("fire").invoke(shapes);

        MetricsText text = MetricsText.of(registry);
        assertEquals(1.0, text.value("node_command_total{command=\"unknown\",status=\"ok\"}"), "the subject reads as absent");
        assertEquals(2.0, text.value("node_task_runs_total{status=\"ok\",task=\"unknown\"}"));
        assertTrue(!text.text().contains("node_task_next_delay_seconds{task=\"unknown\"}"), "a number that cannot be read sets no gauge:\n"
                + text.text());
        assertEquals(0.0, text.value("nodescope_advice_errors_total"));

        assertEquals(1, occurrences("values.command = \"$arg3\" reads argument 3, but " + PACKAGE
                + "Shapes.run takes 1 parameter ($arg0); the value is left out there"), err());
        assertEquals(0, occurrences("values.operation_id"), "$arg0 is there");
        assertEquals(1, occurrences(".toml:15) values.task = \"$return\" reads the return value,"
                + " but " + PACKAGE + "Shapes.fire returns void"), "once, though the class was transformed twice:\n" + err());
        assertEquals(1, occurrences("values.next_delay = \"$return.seconds\" reads the return value"), err());
    }

    @Test
    void aGlobOnlyReachesTheJdkWhenItNamesAJdkPackageDecidedPerClass() throws Exception {
        DynamicType.Unloaded<Object> unloaded = new ByteBuddy().subclass(Object.class).implement(Runnable.class).name(PACKAGE + "Task")
                .defineMethod("run", void.class, Visibility.PUBLIC).intercept(StubMethod.INSTANCE).make();
        byte[] classFile = unloaded.getBytes();
        Class<?> task = unloaded.load(new ClassLoader(getClass().getClassLoader()) { }, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        String rules = "[telemetry.metrics]\n"
                + "[[rule]]\nname = 'anything-named-run'\nkind = 'command'\nclass.name = '**'\nmethod.name = 'run'\n"
                + "[[rule]]\nname = 'runnables'\nkind = 'command'\nclass.supertype = 'java.lang.Runnable'\nmethod.name = 'run'\n";
        Path dir = java.nio.file.Files.createTempDirectory("rules");
        ClassRewriter both = new ClassRewriter(TestConfigs.load(dir, rules).rules(), sites, registry.self());
        ClassRewriter onlyGlob = new ClassRewriter(TestConfigs.load(dir, rules.substring(0, rules.indexOf("[[rule]]\nname = 'runnables'")))
                .rules(), sites, registry.self());
        assertNotNull(rewrite(onlyGlob, task, classFile, false), "a node's class");
        assertNull(rewrite(onlyGlob, task, classFile, true), "the same class as if the JDK's loader defined it");
        assertNotNull(rewrite(both, task, classFile, true), "the supertype rule reaches the JDK's implementations");
    }

    @Test
    void classesThatCannotBeInstrumentedAreCountedAndLoggedAsOneLineThenACount() throws Exception {
        MetricRegistry own = new MetricRegistry("test", 100, Map.of());
        ClassRewriter failing = new ClassRewriter(java.util.List.of(), sites, own.self());
        int before = occurrences("could not instrument");
        for (int i = 0; i < 50; i++) {
            failing.failed("com.example.Broken" + i, new TypeNotPresentException("T", null));
        }
        assertEquals(50.0, MetricsText.of(own).value("nodescope_transform_failures_total"));
        assertEquals(before + 1, occurrences("could not instrument"), err());
        assertTrue(err().contains("could not instrument com.example.Broken0 (java.lang.TypeNotPresentException: Type T not present);"
                + " it runs as it was. Further classes"), err());
        assertEquals(0, occurrences("com.example.Broken1 "), err());
    }

    private static byte[] rewrite(ClassRewriter rewriter, Class<?> type, byte[] classFile, boolean inJdk) {
        return rewriter.rewrite(inJdk ? null : type.getClassLoader(), classFile);
    }

    private static int occurrences(String text) {
        String all = err();
        int count = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    private static String err() {
        return ERR.toString(StandardCharsets.UTF_8);
    }
}
