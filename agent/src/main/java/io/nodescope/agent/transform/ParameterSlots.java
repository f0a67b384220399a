package io.nodescope.agent.transform;

import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A woven method as ByteBuddy's {@code StackAwareMethodVisitor} sees it: it asks a method only
 * where its locals begin (the slots of {@code this} and the parameters), which the descriptor
 * tells. Describing the method in full would load ByteBuddy's type descriptions (some 90 classes,
 * and proxies they spin) onto the node's start for that one number; nothing else is answered.
 */
final class ParameterSlots extends MethodDescription.InDefinedShape.AbstractBase {

    private final int access;
    private final int slots;

    ParameterSlots(int access, String descriptor) {
        this.access = access;
        // The sizes count the receiver whether or not there is one.
        this.slots = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - ((access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
    }

    @Override
    public int getStackSize() {
        return slots;
    }

    @Override
    public int getModifiers() {
        return access;
    }

    @Override
    public String getInternalName() {
        throw unanswered();
    }

    @Override
    public TypeDescription getDeclaringType() {
        throw unanswered();
    }

    @Override
    public ParameterList<ParameterDescription.InDefinedShape> getParameters() {
        throw unanswered();
    }

    @Override
    public TypeList.Generic getExceptionTypes() {
        throw unanswered();
    }

    @Override
    public TypeDescription.Generic getReturnType() {
        throw unanswered();
    }

    @Override
    public TypeList.Generic getTypeVariables() {
        throw unanswered();
    }

    @Override
    public AnnotationValue<?, ?> getDefaultValue() {
        throw unanswered();
    }

    @Override
    public AnnotationList getDeclaredAnnotations() {
        throw unanswered();
    }

    private static UnsupportedOperationException unanswered() {
        return new UnsupportedOperationException("only the parameters' slots are known");
    }
}
