package io.nodescope.agent.sites;

import io.nodescope.agent.config.ValueExpression;
import java.util.Optional;

/** What a site knows of the method it wraps when the class is transformed. */
public final class MethodShape {

    private static final int UNKNOWN = -1;

    private final String className;
    private final String methodName;
    private final int parameterCount;
    private final boolean returnsVoid;

    /** A method whose parameters and return type are not known: every value is taken as readable. */
    public MethodShape(String className, String methodName) {
        this(className, methodName, UNKNOWN, false);
    }

    public MethodShape(String className, String methodName, int parameterCount, boolean returnsVoid) {
        this.className = className;
        this.methodName = methodName;
        this.parameterCount = parameterCount;
        this.returnsVoid = returnsVoid;
    }

    String simpleClassName() {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    String methodName() {
        return methodName;
    }

    /**
     * Why a value can never be read on this method ({@code $arg3} of a method with one parameter,
     * {@code $return} of a void method), as a sentence's end; empty when it can be.
     */
    public Optional<String> unreadable(ValueExpression value) {
        if (value.root() == ValueExpression.Root.ARGUMENT && parameterCount != UNKNOWN && value.argument() >= parameterCount) {
            return Optional.of("reads argument " + value.argument() + ", but " + this + " takes " + parameterCount
                    + (parameterCount == 1 ? " parameter" : " parameters")
                    + (parameterCount == 0 ? "" : " ($arg0" + (parameterCount == 1 ? "" : " to $arg" + (parameterCount - 1)) + ")"));
        }
        if (value.root() == ValueExpression.Root.RETURN && returnsVoid) {
            return Optional.of("reads the return value, but " + this + " returns void");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return className + "." + methodName;
    }
}
