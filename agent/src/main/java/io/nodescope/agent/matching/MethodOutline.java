package io.nodescope.agent.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A method as its class file declares it: access flags, name, descriptor and annotations. */
public final class MethodOutline {

    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_BRIDGE = 0x0040;
    private static final int ACC_NATIVE = 0x0100;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_SYNTHETIC = 0x1000;
    /** The flags of a method with no code of the user's own to wrap: abstract, native, synthetic or a bridge. */
    static final int PLUMBING = ACC_ABSTRACT | ACC_NATIVE | ACC_SYNTHETIC | ACC_BRIDGE;
    private static final Map<Character, String> PRIMITIVES = Map.of('Z', "boolean", 'B', "byte", 'C', "char", 'S', "short", 'I', "int",
            'J', "long", 'F', "float", 'D', "double");

    private final int access;
    private final String name;
    private final String descriptor;
    private final List<String> annotations;

    MethodOutline(int access, String name, String descriptor, List<String> annotations) {
        this.access = access;
        this.name = name;
        this.descriptor = descriptor;
        this.annotations = annotations;
    }

    public String name() {
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    public int access() {
        return access;
    }

    /** Annotations by binary name, visible at runtime or not. */
    List<String> annotations() {
        return annotations;
    }

    /** Not a constructor or class initializer. */
    boolean isMethod() {
        return name.charAt(0) != '<';
    }

    public boolean isStatic() {
        return (access & ACC_STATIC) != 0;
    }

    boolean isPublic() {
        return (access & ACC_PUBLIC) != 0;
    }

    /** Abstract, native, synthetic or a bridge: no code of the user's own to wrap. */
    boolean isPlumbing() {
        return (access & PLUMBING) != 0;
    }

    public boolean returnsVoid() {
        return descriptor.endsWith(")V");
    }

    /** Whether the return value is of a primitive type (or void). */
    public boolean returnsPrimitive() {
        char type = descriptor.charAt(descriptor.indexOf(')') + 1);
        return type != 'L' && type != '[';
    }

    /** Whether there is a first parameter and it is of a reference type. */
    public boolean takesReferenceFirst() {
        return descriptor.charAt(1) == 'L' || descriptor.charAt(1) == '[';
    }

    /** The parameter types as Java writes them ({@code int}, {@code byte[]}, {@code java.util.Map$Entry}). */
    public List<String> parameterTypes() {
        List<String> names = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int dimensions = 0;
            while (descriptor.charAt(i) == '[') {
                dimensions++;
                i++;
            }
            String type;
            if (descriptor.charAt(i) == 'L') {
                int end = descriptor.indexOf(';', i);
                type = descriptor.substring(i + 1, end).replace('/', '.');
                i = end + 1;
            } else {
                type = PRIMITIVES.get(descriptor.charAt(i));
                i++;
            }
            names.add(type + "[]".repeat(dimensions));
        }
        return names;
    }
}
