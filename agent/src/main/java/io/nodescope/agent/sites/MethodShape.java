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
    private final String fixedClassName;

    /**
     * A method whose parameters and return type are not known: every value is taken as readable,
     * and {@code this} as possibly of a subclass.
     */
    public MethodShape(String className, String methodName) {
        this(className, methodName, UNKNOWN, false, null);
    }

    /**
     * {@code fixedClassName}: for a method that never runs on an object of another class (a static
     * method, a method of a final class), the user's class it always runs as, {@code $class} known
     * now; else null.
     */
    public MethodShape(String className, String methodName, int parameterCount, boolean returnsVoid, String fixedClassName) {
        this.className = className;
        this.methodName = methodName;
        this.parameterCount = parameterCount;
        this.returnsVoid = returnsVoid;
        this.fixedClassName = fixedClassName;
    }

    /** The simple name of the declaring class. */
    String simpleClassName() {
        return simpleName(className);
    }

    /** The text after a binary name's last {@code .} and {@code $}: {@code Inner} for {@code a.b.Outer$Inner}. */
    static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    /** The user's class the method always runs as, when {@code $class} cannot change from call to call; else null. */
    String fixedClassName() {
        return fixedClassName;
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
