package io.nodescope.agent.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.RuleValue.TextCase;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.agent.metrics.MetricRegistry;
import io.nodescope.instrumentation.site.ValueReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ComposedValueTest {

    enum Type { SELECT }

    record Request(String command, Type type) {
    }

    private static final MethodShape METHOD = new MethodShape("a.B", "serve", 2, false, null);
    private static final CounterPoint ERRORS = new MetricRegistry("test", 10, Map.of()).self().adviceErrors();

    @Test
    void alternativesAreTriedInOrderUntilOneGivesText() {
        ValueReader value = compose(TextCase.AS_READ, "$arg0.command", "$arg1.command", "fallback");
        assertEquals("first", value.read(null, new Object[] {new Request("first", null), new Request("second", null)}, null));
        assertEquals("second", value.read(null, new Object[] {new Request(null, null), new Request("second", null)}, null));
        assertEquals("second", value.read(null, new Object[] {new Request("", null), new Request("second", null)}, null));
        assertEquals("fallback", value.read(null, new Object[] {null, null}, null));
        assertTrue(value.readsArguments());
        assertFalse(value.readsReturn());
    }

    @Test
    void withoutAConstantLastNothingReadMeansNoValue() {
        assertNull(compose(TextCase.AS_READ, "$arg0.command", "$arg1.command").read(null, new Object[] {null, null}, null));
    }

    @Test
    void caseAppliesToWhicheverAlternativeGaveTheText() {
        ValueReader value = compose(TextCase.LOWER, "$arg0.type", "UNTYPED");
        String first = value.read(null, new Object[] {new Request(null, Type.SELECT), null}, null);
        assertEquals("select", first);
        assertSame(first, value.read(null, new Object[] {new Request(null, Type.SELECT), null}, null),
                "an enum's name is the same object each call, so it is cased once and its series found by identity");
        assertEquals("untyped", value.read(null, new Object[] {new Request(null, null), null}, null));
        assertEquals("SELECT", compose(TextCase.UPPER, "$arg0.command").read(null, new Object[] {new Request("select", null)}, null));
    }

    @Test
    void aConstantFirstIsTheValueCasedOnce() {
        ValueReader value = compose(TextCase.UPPER, "ask");
        assertTrue(value.isConstant());
        assertEquals("ASK", value.constant());
        ValueReader plain = compose(TextCase.AS_READ, "$arg0.command");
        assertTrue(plain instanceof CompiledValue, "one expression as read needs nothing around it");
    }

    private static ValueReader compose(TextCase textCase, String... expressions) {
        List<CompiledValue> alternatives = List.of(expressions).stream()
                .map(text -> CompiledValue.compile(ValueExpression.parse(text), METHOD,
                        ERRORS, "test"))
                .collect(Collectors.toList());
        return ComposedValue.of(alternatives, textCase);
    }
}
