package io.nodescope.agent.sites;

/** What a site knows of the method it wraps when the class is transformed. */
public final class MethodShape {

    private final String className;
    private final String methodName;
    private final int parameterCount;

    public MethodShape(String className, String methodName, int parameterCount) {
        this.className = className;
        this.methodName = methodName;
        this.parameterCount = parameterCount;
    }

    public String className() {
        return className;
    }

    String simpleClassName() {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    String methodName() {
        return methodName;
    }

    int parameterCount() {
        return parameterCount;
    }

    @Override
    public String toString() {
        return className + "." + methodName;
    }
}
