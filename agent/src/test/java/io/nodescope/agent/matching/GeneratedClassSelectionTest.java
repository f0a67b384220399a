package io.nodescope.agent.matching;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.Rule;
import io.nodescope.agent.config.TestConfigs;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supertype rule on a service interface, over a class path that holds the user's implementation and
 * the proxies a framework generated for it (a CGLIB subclass, a JDK proxy class): the transformer's
 * filter drops the proxies from their class file, and {@code match} lists only the user's method,
 * unless the rule sets {@code class.proxies = true}.
 */
class GeneratedClassSelectionTest {

    private static final String SERVICE = "com.example.shop.Greeter";
    private static final String IMPL = "com.example.shop.GreeterImpl";
    private static final String CGLIB = IMPL + "$$SpringCGLIB$$0";
    private static final String JDK_PROXY = "com.example.shop.$Proxy7";

    @TempDir
    Path dir;
    private DynamicType.Unloaded<?> cglib;
    private DynamicType.Unloaded<?> jdkProxy;

    @BeforeEach
    void writeClasses() throws Exception {
        DynamicType.Unloaded<?> service = new ByteBuddy().makeInterface().name(SERVICE)
                .defineMethod("greet", String.class, Modifier.PUBLIC | Modifier.ABSTRACT).withParameters(String.class).withoutCode()
                .make();
        TypeDescription serviceType = service.getTypeDescription();
        DynamicType.Unloaded<?> impl = new ByteBuddy().subclass(Object.class).name(IMPL).implement(serviceType)
                .defineMethod("greet", String.class, Modifier.PUBLIC).withParameters(String.class).intercept(FixedValue.value("hello"))
                .make();
        cglib = new ByteBuddy().subclass(impl.getTypeDescription()).name(CGLIB)
                .method(named("greet")).intercept(FixedValue.value("proxied")).make();
        jdkProxy = new ByteBuddy().subclass(Proxy.class).name(JDK_PROXY).implement(serviceType)
                .defineMethod("greet", String.class, Modifier.PUBLIC | Modifier.FINAL).withParameters(String.class)
                .intercept(FixedValue.value("proxied")).make();
        for (DynamicType.Unloaded<?> type : List.of(service, impl, cglib, jdkProxy)) {
            type.saveIn(dir.toFile());
        }
    }

    @Test
    void proxiesAreDroppedFromTheirClassFileUnlessTheRuleOptsIn() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            CandidateFilter byDefault = new CandidateFilter(rules(""));
            assertFalse(byDefault.mayMatch(loader, cglib.getBytes()));
            assertFalse(byDefault.mayMatch(loader, jdkProxy.getBytes()));
            CandidateFilter optedIn = new CandidateFilter(rules("class.proxies = true\n"));
            assertTrue(optedIn.mayMatch(loader, cglib.getBytes()));
            assertTrue(optedIn.mayMatch(loader, jdkProxy.getBytes()));
        }
    }

    @Test
    void matchListsTheUsersMethodOnlyUnlessTheRuleOptsIn() throws Exception {
        assertEquals(List.of(IMPL + ".greet(java.lang.String)"), selected(""));
        assertEquals(List.of(JDK_PROXY + ".greet(java.lang.String)", CGLIB + ".greet(java.lang.String)",
                IMPL + ".greet(java.lang.String)"), selected("class.proxies = true\n"));
    }

    private List<String> selected(String more) throws Exception {
        List<Rule> rules = rules(more);
        return RuleExplainer.explain(rules, List.of(dir)).get(rules.get(0)).stream().sorted().collect(Collectors.toList());
    }

    private List<Rule> rules(String more) throws Exception {
        return TestConfigs.load(dir, "[[rule]]\nname = 'greeters'\nkind = 'command'\n"
                + "class.supertype = '" + SERVICE + "'\n" + more).rules();
    }
}
