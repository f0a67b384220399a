package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.ValueExpression;
import io.nodescope.agent.config.ValueExpression.Root;
import io.nodescope.agent.config.ValueExpression.Step;
import io.nodescope.agent.metrics.CounterPoint;
import io.nodescope.instrumentation.site.ValueReader;

/**
 * A rule's value expression bound to one method: names known when the class is transformed are
 * constants; the rest is read from the call (the runtime class's name from {@code this}), null-safe,
 * and never throws into the node.
 */
final class CompiledValue implements ValueReader {

    /** Longest text kept; longer values are cut so that one odd value cannot bloat a span or a label. */
    static final int MAX_LENGTH = 256;

    private final ValueExpression expression;
    private final String constant;
    private final PropertyStep[] path;
    private final CounterPoint errors;
    private final String context;
    /** {@code $class} when {@code this} may be of a subclass; else null. */
    private final RuntimeClassName runtimeClass;

    private CompiledValue(ValueExpression expression, String constant, PropertyStep[] path, CounterPoint errors, String context,
            RuntimeClassName runtimeClass) {
        this.expression = expression;
        this.constant = constant;
        this.path = path;
        this.errors = errors;
        this.context = context;
        this.runtimeClass = runtimeClass;
    }

    static CompiledValue compile(ValueExpression expression, MethodShape method, CounterPoint errors, String context) {
        switch (expression.root()) {
            case CONSTANT:
                return constant(expression, expression.constantValue());
            case CLASS:
                if (method.fixedClassName() != null) {
                    return constant(expression, MethodShape.simpleName(method.fixedClassName()));
                }
                // Read per call, along an empty path: the name is the value.
                return new CompiledValue(expression, null, new PropertyStep[0], errors, context,
                        new RuntimeClassName(method.simpleClassName()));
            case DECLARING_CLASS:
                return constant(expression, method.simpleClassName());
            case METHOD:
                return constant(expression, method.methodName());
            default:
                PropertyStep[] path = new PropertyStep[expression.path().size()];
                for (int i = 0; i < path.length; i++) {
                    Step step = expression.path().get(i);
                    path[i] = new PropertyStep(step, context);
                }
                return new CompiledValue(expression, null, path, errors, context, null);
        }
    }

    private static CompiledValue constant(ValueExpression expression, String value) {
        return new CompiledValue(expression, cut(value), null, null, null, null);
    }

    @Override
    public boolean isConstant() {
        return path == null;
    }

    /** The value when constant, else null. */
    @Override
    public String constant() {
        return constant;
    }

    @Override
    public boolean readsArguments() {
        return expression.root() == Root.ARGUMENT;
    }

    @Override
    public boolean readsReturn() {
        return expression.root() == Root.RETURN;
    }

    /** The value as text, or null when any step is null or fails. */
    @Override
    public String read(Object self, Object[] arguments, Object returned) {
        return path == null ? constant : text(object(root(self, arguments, returned)));
    }

    /** The value as it is, or null. */
    @Override
    public Object readObject(Object self, Object[] arguments, Object returned) {
        return path == null ? constant : object(root(self, arguments, returned));
    }

    /**
     * The object the value's path starts at: {@code $this}, the argument, the return value or the
     * runtime class's name; null for a constant.
     */
    @Override
    public Object start(Object self, Object[] arguments, Object returned) {
        return path == null ? null : root(self, arguments, returned);
    }

    /** The value as a number, read along the path from {@code start}, as returned by {@link #start}. */
    @Override
    public double readNumberFrom(Object start) {
        return ValueReader.number(path == null ? constant : object(start));
    }

    private Object object(Object start) {
        try {
            Object value = start;
            for (PropertyStep step : path) {
                if (value == null) {
                    return null;
                }
                value = step.read(value);
            }
            return value;
        } catch (Throwable failure) {
            errors.increment();
            AgentLog.warnLimited("read:" + context, context + ": reading the value failed with " + failure
                    + "; the value is left out and the call goes on");
            return null;
        }
    }

    private Object root(Object self, Object[] arguments, Object returned) {
        switch (expression.root()) {
            case CLASS:
                return runtimeClass.of(self);
            case THIS:
                return self;
            case RETURN:
                return returned;
            default:
                int index = expression.argument();
                return arguments != null && index < arguments.length ? arguments[index] : null;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return cut(value instanceof Enum ? ((Enum<?>) value).name() : value.toString());
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    }
}
