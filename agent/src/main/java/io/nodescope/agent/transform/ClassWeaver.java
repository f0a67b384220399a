package io.nodescope.agent.transform;

import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import net.bytebuddy.utility.visitor.StackAwareMethodVisitor;

/**
 * Weaves the advice into the selected methods of one class file, on the ASM that ByteBuddy
 * bundles. All advice is a few fixed calls to the bootstrap dispatch, so it is written here
 * instruction by instruction rather than inlined from templates: ByteBuddy's {@code Advice} cost
 * some 12 ms per class cold and loaded some 500 classes first, this about a millisecond per class
 * on the sample node's start (docs/benchmarks.md). The methods no rule selects are copied as they
 * are, byte for byte.
 */
final class ClassWeaver extends ClassVisitor {

    private final Map<String, WovenMethod> methods;
    private final Map<String, Integer> locals;
    private String owner;
    private boolean frames;

    private ClassWeaver(ClassVisitor writer, Map<String, WovenMethod> methods, Map<String, Integer> locals) {
        super(OpenedClassReader.ASM_API, writer);
        this.methods = methods;
        this.locals = locals;
    }

    /** The class file with the advice woven into each method {@code methods} names by {@link WovenMethod#key}. */
    static byte[] weave(byte[] classFile, Map<String, WovenMethod> methods) {
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassWeaver(writer, methods, CodeLocals.of(reader, methods.keySet())), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        // Stack map frames are required from Java 7's class files; older ones are verified without them.
        frames = (version & 0xFFFF) >= Opcodes.V1_7;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor writer = super.visitMethod(access, name, descriptor, signature, exceptions);
        String key = WovenMethod.key(name, descriptor);
        WovenMethod woven = methods.get(key);
        Integer maxLocals = locals.get(key);
        if (woven == null || maxLocals == null) {
            return writer;
        }
        MethodVisitor stackAware = StackAwareMethodVisitor.of(writer, new ParameterSlots(access, descriptor));
        return new MethodWeaver(stackAware, owner, access, descriptor, woven, maxLocals, frames);
    }
}
