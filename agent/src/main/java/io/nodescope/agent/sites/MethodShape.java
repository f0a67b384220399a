package io.nodescope.agent.sites;

/** What a site knows of the method it wraps when the class is transformed. */
public final class MethodShape {

    private final String className;
    private final String methodName;

    public MethodShape(String className, String methodName) {
        this.className = className;
        this.methodName = methodName;
    }

    String simpleClassName() {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    String methodName() {
        return methodName;
    }

    @Override
    public String toString() {
        return className + "." + methodName;
    }
}
