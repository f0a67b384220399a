package io.nodescope.agent.sites;

import io.nodescope.agent.matching.ClassOutline;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.agent.matching.RuleExplainer;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.StubMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledValueTest {

    enum Type { PUBLISH }

    record Request(Type type, Inner inner) {
    }

    private static final class Inner {
        private final String hidden = "field";
        private final boolean ready = true;

        String getLabel() {
            return "getter";
        }

        boolean isReady() {
            return ready;
        }

        String explode() {
            throw new IllegalStateException("boom");
        }
    }

    private static final MethodShape METHOD = new MethodShape("org.example.node.PublishCommand$Inner", "execute");

    @TempDir
    Path dir;

    private final CounterPoint errors = new MetricRegistry("t", 10, Map.of()).self().adviceErrors();

    @Test
    void constantsAndNamesAreResolvedOnce() throws Exception {
        assertEquals("otp:2043", compile("otp:2043").constant());
        assertEquals("Inner", compile("$declaring_class").constant());
        assertEquals("execute", compile("$method").constant());
        assertEquals("$literal", compile("$$literal").constant());
        assertTrue(compile("$arg0").readsArguments());
        assertTrue(compile("$return.size()").readsReturn());
    }

    @Test
    void theClassIsTheRuntimeClassOfThisKnownOnceWhereItCannotChange() throws Exception {
        MethodShape finalClass = new MethodShape("org.example.node.PublishCommand$Inner", "execute", 0, false,
                "org.example.node.PublishCommand$Inner");
        assertEquals("Inner", CompiledValue.compile(parse("$class"), finalClass, errors, "test").constant());
        CompiledValue runtime = compile("$class");
        assertFalse(runtime.isConstant(), "a method of a class that may be subclassed");
        assertEquals("Inner", runtime.read(new Inner(), null, null));
        assertEquals("Request", runtime.read(new Request(Type.PUBLISH, null), null, null));
        String first = runtime.read(new Inner(), null, null);
        assertSame(first, runtime.read(new Inner(), null, null), "the same name object for the same class, call after call");
        assertEquals("Inner", runtime.read(null, null, null), "no this: the declaring class");
        Comparable<?> proxy = (Comparable<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Comparable.class},
                (self, method, arguments) -> 0);
        assertEquals("Comparable", runtime.read(proxy, null, null), "a JDK proxy is named after the interface it implements");
    }

    @Test
    void aStaticMethodOfAGeneratedClassIsNamedAfterTheUsersClass() throws Exception {
        TypeDescription user = new ByteBuddy().subclass(Object.class).name("org.example.node.CommandServiceImpl").make().getTypeDescription();
        ClassOutline proxy = ClassOutline.read(new ByteBuddy().subclass(user).name("org.example.node.CommandServiceImpl$$SpringCGLIB$$0")
                .defineMethod("CGLIB$STATICHOOK1", void.class, Modifier.PUBLIC | Modifier.STATIC).intercept(StubMethod.INSTANCE)
                .make().getBytes());
        MethodShape hook = RuleExplainer.shape(proxy,
                proxy.methods().stream().filter(method -> method.name().equals("CGLIB$STATICHOOK1")).findFirst().orElseThrow());
        assertEquals("CommandServiceImpl", CompiledValue.compile(parse("$class"), hook, errors, "test").constant());
        assertEquals("0", CompiledValue.compile(parse("$declaring_class"), hook, errors, "test").constant());
    }

    @Test
    void pathsReadRecordComponentsGettersBooleanGettersAndFields() throws Exception {
        Object[] arguments = {new Request(Type.PUBLISH, new Inner())};
        assertEquals("PUBLISH", read("$arg0.type", arguments, null), "enums read as their name");
        assertEquals("PUBLISH", read("$arg0.type()", arguments, null));
        assertEquals("getter", read("$arg0.inner.label", arguments, null));
        assertEquals("true", read("$arg0.inner.ready", arguments, null));
        assertEquals("field", read("$arg0.inner.hidden", arguments, null));
        assertEquals("2", read("$return.size()", null, List.of(1, 2)));
        assertEquals("1", read("$return.size", null, Collections.unmodifiableList(List.of(1))),
                "a JDK class the agent cannot open is read through its public interface");
    }

    @Test
    void nullsAndMissingValuesReadAsNullWithoutThrowing() throws Exception {
        assertNull(read("$arg0.type", new Object[] {new Request(null, null)}, null));
        assertNull(read("$arg0.inner.label", new Object[] {new Request(Type.PUBLISH, null)}, null));
        assertNull(read("$arg3", new Object[] {"only one"}, null));
        assertNull(read("$arg0.nothing", new Object[] {"text"}, null));
        assertEquals(0, errors.value());
    }

    @Test
    void aThrowingGetterIsCountedAndReadsAsNull() throws Exception {
        assertNull(read("$arg0.explode()", new Object[] {new Inner()}, null));
        assertEquals(1, errors.value());
    }

    @Test
    void longValuesAreCut() throws Exception {
        assertEquals(CompiledValue.MAX_LENGTH, read("$arg0", new Object[] {"x".repeat(1000)}, null).length());
    }

    private CompiledValue compile(String text) throws Exception {
        return CompiledValue.compile(parse(text), METHOD, errors, "test");
    }

    private ValueExpression parse(String text) throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nvalues.command = '"
                + text + "'\n");
        return config.rules().get(0).values().get("command").alternatives().get(0);
    }

    private String read(String text, Object[] arguments, Object returned) throws Exception {
        return compile(text).read(null, arguments, returned);
    }
}
