package io.nodescope.agent.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;
import net.bytebuddy.utility.visitor.StackAwareMethodVisitor;

/**
 * The advice around one method's code: its site's {@code Dispatch.enter} on entry and
 * {@code Dispatch.exit} on every way out, and what the kinds that change values do there:
 *
 * <pre>
 *   self = this; arguments = null; state = null; start = 0; thrown = null; returned = 0
 *   try { arguments = {boxed arguments}; state = enter(site, self, arguments); start = nanoTime() } catch (Throwable) { }
 *   try { first argument = handOff(first argument) } catch (Throwable) { }      likewise inject, logRecord
 *   body:   the method's code, each return storing its value in returned and jumping to exit
 *   catch (Throwable over the body): thrown = it
 *   exit:   try { if (thrown == null) returned = logContext(returned) } catch (Throwable) { }
 *           try { exit(site, start, state, self, arguments, boxed returned, thrown) } catch (Throwable) { }
 *           try { logRecordPassed() } catch (Throwable) { }
 *           if (thrown != null) throw thrown; return returned
 * </pre>
 *
 * <p>Only the steps a method needs are written: a method that only hands a task off gets its one
 * step and keeps its returns. The advice's locals sit above the method's own ({@code max_locals}),
 * so the method's code is left as it is and every stack map frame in it only gains them at its end.
 * The frames at the advice's own jump targets declare nothing of the method's locals: from there
 * the advice reads only its own, {@code this} included, so a method that reuses a parameter's slot
 * verifies too. The handler over the body is registered after the method's own, so that they keep
 * catching first. The dispatch catches what the sites throw; each step's empty handler keeps the
 * JVM's own errors at the calls (a stack overflow, an allocation) and a value of the wrong type out
 * of the node's method, as nothing of the advice may change what the method does.
 */
final class MethodWeaver extends MethodVisitor {

    private static final String DISPATCH = "io/nodescope/bootstrap/Dispatch";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String OBJECT = "java/lang/Object";
    private static final String OBJECTS = "[Ljava/lang/Object;";

    private final WovenMethod woven;
    /** Whether the method gets the exit steps, and so its returns jump to them. */
    private final boolean exits;
    /** Whether a throw out of the body goes through the exit steps too. */
    private final boolean catchesBody;
    private final boolean frames;
    private final boolean isStatic;
    private final Type[] arguments;
    private final Type returned;
    private final int maxLocals;
    private final int selfSlot;
    private final int argumentsSlot;
    private final int stateSlot;
    private final int startSlot;
    private final int thrownSlot;
    private final int returnedSlot;
    private final int localsEnd;
    /** The method's locals on entry, as a frame declares them. */
    private final Object[] entryLocals;
    /** The advice's locals, as a frame declares them after the method's. */
    private final Object[] adviceLocals;
    private final Label body = new Label();
    private final Label bodyEnd = new Label();
    private final Label bodyHandler = new Label();
    private final Label exit = new Label();
    private boolean started;
    /** The frame at the start of the body, held back in case the method's code declares its own there. */
    private boolean bodyFramePending;

    MethodWeaver(MethodVisitor next, String owner, int access, String descriptor, WovenMethod woven, int maxLocals, boolean frames) {
        super(OpenedClassReader.ASM_API, next);
        this.woven = woven;
        this.exits = woven.site >= 0 || woven.logContext || woven.logRecord;
        this.catchesBody = woven.site >= 0 || woven.logRecord;
        this.frames = frames;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.arguments = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.maxLocals = maxLocals;
        int slot = maxLocals;
        selfSlot = isStatic ? -1 : slot++;
        argumentsSlot = slot++;
        stateSlot = slot++;
        startSlot = slot;
        slot += 2;
        thrownSlot = slot++;
        returnedSlot = returned.getSort() == Type.VOID ? -1 : slot;
        localsEnd = slot + returned.getSize();  // nothing for void
        List<Object> entry = new ArrayList<>();
        if (!isStatic) {
            entry.add(owner);
        }
        for (Type argument : arguments) {
            entry.add(frameType(argument));
        }
        entryLocals = entry.toArray();
        List<Object> advice = new ArrayList<>();
        if (!isStatic) {
            advice.add(OBJECT);
        }
        advice.addAll(Arrays.asList(OBJECTS, OBJECT, Opcodes.LONG, THROWABLE));
        if (returnedSlot >= 0) {
            advice.add(frameType(returned));
        }
        adviceLocals = advice.toArray();
    }

    /** One step of the advice, each under a handler of its own. */
    private enum Step {
        ENTER_SITE, HAND_OFF, INJECT, LOG_RECORD, LOG_CONTEXT, EXIT_SITE, LOG_RECORD_PASSED
    }

    /** The prologue goes before the method's first label or instruction, once the method's own handlers are registered. */
    private void start() {
        if (started) {
            return;
        }
        started = true;
        if (catchesBody) {
            super.visitTryCatchBlock(body, bodyEnd, bodyHandler, THROWABLE);
        }
        if (!isStatic) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitVarInsn(Opcodes.ASTORE, selfSlot);
        }
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, argumentsSlot);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, stateSlot);
        super.visitInsn(Opcodes.LCONST_0);
        super.visitVarInsn(Opcodes.LSTORE, startSlot);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        if (returnedSlot >= 0) {
            pushDefault(returned);
            super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnedSlot);
        }
        List<Step> steps = new ArrayList<>();
        if (woven.site >= 0) {
            steps.add(Step.ENTER_SITE);
        }
        if (woven.handOff) {
            steps.add(Step.HAND_OFF);
        }
        if (woven.inject) {
            steps.add(Step.INJECT);
        }
        if (woven.logRecord) {
            steps.add(Step.LOG_RECORD);
        }
        Object[] entry = withAdvice(entryLocals, entryLocals.length);
        guarded(steps, entry, body);
        if (steps.isEmpty()) {
            super.visitLabel(body);
        }
        bodyFramePending = frames && !steps.isEmpty();
    }

    /**
     * The steps in order, each under a handler that drops what it throws; all go on at {@code last},
     * which is left without a frame (the caller writes it or, at the body, leaves it pending).
     */
    private void guarded(List<Step> steps, Object[] locals, Label last) {
        for (int i = 0; i < steps.size(); i++) {
            Label next = i == steps.size() - 1 ? last : new Label();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            super.visitTryCatchBlock(start, end, handler, THROWABLE);
            super.visitLabel(start);
            emit(steps.get(i), next);
            super.visitLabel(end);
            super.visitJumpInsn(Opcodes.GOTO, next);
            super.visitLabel(handler);
            frame(locals, THROWABLE);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(next);
            if (next != last) {
                frame(locals);
            }
        }
    }

    /** The code of one step; {@code next} is where the code goes on. */
    private void emit(Step step, Label next) {
        switch (step) {
            case ENTER_SITE:
                enterSite();
                break;
            case HAND_OFF:
                replaceFirstArgument("handOff");
                break;
            case INJECT:
                replaceFirstArgument("inject");
                break;
            case LOG_RECORD:
                super.visitVarInsn(Opcodes.ALOAD, firstArgumentSlot());
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "logRecord", "(Ljava/lang/Object;)V", false);
                break;
            case LOG_CONTEXT:  // only on a normal return
                super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                super.visitJumpInsn(Opcodes.IFNONNULL, next);
                super.visitVarInsn(Opcodes.ALOAD, returnedSlot);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "logContext", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                super.visitTypeInsn(Opcodes.CHECKCAST, returned.getInternalName());
                super.visitVarInsn(Opcodes.ASTORE, returnedSlot);
                break;
            case EXIT_SITE:
                exitSite();
                break;
            default:
                super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "logRecordPassed", "()V", false);
        }
    }

    private void enterSite() {
        if (woven.readsArguments) {
            pushArguments();
            super.visitVarInsn(Opcodes.ASTORE, argumentsSlot);
        }
        push(woven.site);
        loadSelf();
        super.visitVarInsn(Opcodes.ALOAD, argumentsSlot);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "enter", "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        super.visitVarInsn(Opcodes.ASTORE, stateSlot);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
        super.visitVarInsn(Opcodes.LSTORE, startSlot);
    }

    /** The first argument, replaced by what the dispatch's {@code method} makes of it: a cast that fails leaves it as it was. */
    private void replaceFirstArgument(String method) {
        super.visitVarInsn(Opcodes.ALOAD, firstArgumentSlot());
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, method, "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        super.visitTypeInsn(Opcodes.CHECKCAST, arguments[0].getInternalName());
        super.visitVarInsn(Opcodes.ASTORE, firstArgumentSlot());
    }

    private int firstArgumentSlot() {
        return isStatic ? 0 : 1;
    }

    /** Before an instruction of the method's: the prologue, or the frame it left pending. */
    private void beforeInstruction() {
        start();
        if (bodyFramePending) {
            bodyFramePending = false;
            frame(withAdvice(entryLocals, entryLocals.length));
        }
    }

    @Override
    public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
        start();
        if (!frames) {
            return;  // an old class file's frames, if any, are dropped with ours: it is verified by inference
        }
        // The method's frame where the body starts is the frame there: the prologue's state is assignable to it.
        bodyFramePending = false;
        Object[] all = withAdvice(locals, localCount);
        super.visitFrame(Opcodes.F_NEW, all.length, all, stackCount, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        beforeInstruction();
        if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN || !exits) {
            super.visitInsn(opcode);
            return;
        }
        if (returnedSlot >= 0) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnedSlot);
        }
        if (mv instanceof StackAwareMethodVisitor) {
            ((StackAwareMethodVisitor) mv).drainStack();  // a return may leave values under its own; the exit's frame has none
        }
        super.visitJumpInsn(Opcodes.GOTO, exit);
    }

    @Override
    public void visitMaxs(int maxStack, int methodMaxLocals) {
        start();
        if (exits) {
            writeExit();
        }
        // Eight stack slots: the exit call's arguments (a long among them); the prologue needs at most seven.
        super.visitMaxs(Math.max(maxStack, 8), localsEnd);
    }

    private void writeExit() {
        Object[] adviceOnly = withAdvice(new Object[0], 0);
        if (catchesBody) {
            super.visitLabel(bodyEnd);
            super.visitLabel(bodyHandler);
            frame(adviceOnly, THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        }
        super.visitLabel(exit);
        frame(adviceOnly);
        List<Step> steps = new ArrayList<>();
        if (woven.logContext) {
            steps.add(Step.LOG_CONTEXT);
        }
        if (woven.site >= 0) {
            steps.add(Step.EXIT_SITE);
        }
        if (woven.logRecord) {
            steps.add(Step.LOG_RECORD_PASSED);
        }
        Label afterExit = new Label();
        guarded(steps, adviceOnly, afterExit);
        frame(adviceOnly);
        Label returning = new Label();
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitJumpInsn(Opcodes.IFNULL, returning);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitInsn(Opcodes.ATHROW);
        super.visitLabel(returning);
        frame(adviceOnly);
        if (returnedSlot >= 0) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnedSlot);
        }
        super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
    }

    private void exitSite() {
        push(woven.site);
        super.visitVarInsn(Opcodes.LLOAD, startSlot);
        super.visitVarInsn(Opcodes.ALOAD, stateSlot);
        loadSelf();
        super.visitVarInsn(Opcodes.ALOAD, argumentsSlot);
        if (woven.readsReturn && returnedSlot >= 0) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnedSlot);
            box(returned);
        } else {
            super.visitInsn(Opcodes.ACONST_NULL);
        }
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "exit",
                "(IJLjava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
    }

    /** {@code locals} (a frame's first {@code count}), padded to the method's own slots, then the advice's. */
    private Object[] withAdvice(Object[] locals, int count) {
        int padding = Math.max(0, maxLocals - slots(locals, count));
        Object[] all = Arrays.copyOf(locals, count + padding + adviceLocals.length);
        Arrays.fill(all, count, count + padding, Opcodes.TOP);
        System.arraycopy(adviceLocals, 0, all, count + padding, adviceLocals.length);
        return all;
    }

    /** The slots a frame's locals take: a long or a double two. */
    private static int slots(Object[] locals, int count) {
        int slots = 0;
        for (int i = 0; i < count; i++) {
            slots += locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        return slots;
    }

    private void frame(Object[] locals, Object... stack) {
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    private void loadSelf() {
        if (isStatic) {
            super.visitInsn(Opcodes.ACONST_NULL);
        } else {
            super.visitVarInsn(Opcodes.ALOAD, selfSlot);
        }
    }

    private void pushArguments() {
        push(arguments.length);
        super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < arguments.length; i++) {
            super.visitInsn(Opcodes.DUP);
            push(i);
            super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
            box(arguments[i]);
            super.visitInsn(Opcodes.AASTORE);
            slot += arguments[i].getSize();
        }
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }

    private void pushDefault(Type type) {
        switch (type.getSort()) {
            case Type.LONG:
                super.visitInsn(Opcodes.LCONST_0);
                break;
            case Type.FLOAT:
                super.visitInsn(Opcodes.FCONST_0);
                break;
            case Type.DOUBLE:
                super.visitInsn(Opcodes.DCONST_0);
                break;
            case Type.ARRAY:
            case Type.OBJECT:
                super.visitInsn(Opcodes.ACONST_NULL);
                break;
            default:
                super.visitInsn(Opcodes.ICONST_0);
        }
    }

    private void box(Type type) {
        String wrapper = wrapper(type);
        if (wrapper != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }

    private static String wrapper(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
                return "java/lang/Boolean";
            case Type.CHAR:
                return "java/lang/Character";
            case Type.BYTE:
                return "java/lang/Byte";
            case Type.SHORT:
                return "java/lang/Short";
            case Type.INT:
                return "java/lang/Integer";
            case Type.FLOAT:
                return "java/lang/Float";
            case Type.LONG:
                return "java/lang/Long";
            case Type.DOUBLE:
                return "java/lang/Double";
            default:
                return null;
        }
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
            case Type.OBJECT:
                return type.getInternalName();
            default:
                return Opcodes.INTEGER;
        }
    }

    @Override
    public void visitLabel(Label label) {
        start();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        start();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beforeInstruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        beforeInstruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        beforeInstruction();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        beforeInstruction();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        beforeInstruction();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        beforeInstruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beforeInstruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beforeInstruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        beforeInstruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label fallback, Label... labels) {
        beforeInstruction();
        super.visitTableSwitchInsn(min, max, fallback, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label fallback, int[] keys, Label[] labels) {
        beforeInstruction();
        super.visitLookupSwitchInsn(fallback, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        beforeInstruction();
        super.visitMultiANewArrayInsn(descriptor, dimensions);
    }
}
