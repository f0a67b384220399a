package io.nodescope.agent.transform;

import io.nodescope.agent.matching.MethodOutline;
import io.nodescope.agent.matching.ClassOutline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.bootstrap.CallHandler;
import io.nodescope.bootstrap.Dispatch;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The woven advice on method shapes that javac writes and on shapes only other compilers or
 * bytecode tools write. Each woven class is defined in a loader of its own, so the JVM verifies
 * it; every test runs the woven method and checks both what the method did and what the dispatch saw.
 */
class ClassWeaverTest {

    private final List<Call> calls = new ArrayList<>();
    /** What the kinds that change values passed the dispatch, in order. */
    private final List<String> events = new ArrayList<>();

    /** What the dispatch saw of one call. */
    private static final class Call {
        final int site;
        final Object self;
        final Object[] args;
        Object state;
        Object returned;
        Throwable thrown;
        boolean exited;

        Call(int site, Object self, Object[] args) {
            this.site = site;
            this.self = self;
            this.args = args;
        }
    }

    @BeforeEach
    void recordCalls() {
        Dispatch.install(new CallHandler() {
            @Override
            public Object enter(int site, Object self, Object[] args) {
                Call call = new Call(site, self, args);
                calls.add(call);
                return call;
            }

            @Override
            public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
                Call call = (Call) state;
                assertEquals(call.site, site);
                assertSame(call.self, self);
                assertSame(call.args, args);
                assertTrue(startNanos != 0, "the start is read after the enter call");
                call.state = state;
                call.returned = returned;
                call.thrown = thrown;
                call.exited = true;
            }

            @Override
            public Object handOff(Object task) {
                events.add("handOff");
                return (Runnable) () -> {
                    events.add("handed off");
                    ((Runnable) task).run();
                };
            }

            @Override
            public Object inject(Object request) {
                events.add("inject " + request);
                return request + " with context";
            }

            @Override
            @SuppressWarnings("unchecked")
            public Object logContext(Object context) {
                Map<String, String> copy = new HashMap<>((Map<String, String>) context);
                copy.put("trace_id", "t1");
                return copy;
            }

            @Override
            public void logRecord(Object record) {
                events.add("logRecord " + record);
            }

            @Override
            public void logRecordPassed() {
                events.add("passed");
            }
        });
    }

    /** Shapes javac writes. */
    public static class Written {
        private final String name;

        public Written(String name) {
            this.name = name;
        }

        /** The first instruction is a jump target, so the method's own frame sits where the advice's body starts. */
        public static int countDown(int n) {
            do {
                n--;
            } while (n > 0);
            return n;
        }

        /** The method's own handler covers the start of its code and must keep catching first. */
        public int parse(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        public long wide(long a, double b, boolean c, char d, byte e, short f, float g) {
            return a + (long) b + (c ? 1 : 0) + d + e + f + (long) g;
        }

        public double half(double value) {
            return value / 2;
        }

        public synchronized String greet(String other) {
            if (other == null) {
                throw new IllegalArgumentException("no one to greet");
            }
            return name + " greets " + other;
        }

        public void nothing() {
        }

        public String[] split(String text) {
            switch (text.length()) {
                case 0:
                    return new String[0];
                case 1:
                    return new String[] {text};
                default:
                    try {
                        return text.split(",");
                    } finally {
                        name.length();
                    }
            }
        }
    }

    /** Methods the kinds that change values select. */
    public static class Values {
        public void execute(Runnable task) {
            task.run();
        }

        public void execute(int times) {
        }

        public String send(String request) {
            return "sent " + request;
        }

        public Map<String, String> context(String key) {
            if (key == null) {
                throw new IllegalStateException("no key");
            }
            return new HashMap<>(Map.of(key, "v"));
        }

        public static void append(String record) {
            if (record.isEmpty()) {
                throw new IllegalArgumentException("empty record");
            }
        }
    }

    @Test
    void aTaskHandedOffRunsThroughWhatTheDispatchMadeOfIt() throws Exception {
        Class<?> type = woven(Values.class, Set.of("execute"), false, false, Kinds.HANDOFF);
        Object values = type.getConstructor().newInstance();
        type.getMethod("execute", Runnable.class).invoke(values, (Runnable) () -> events.add("ran"));
        type.getMethod("execute", int.class).invoke(values, 3);
        assertEquals(List.of("handOff", "handed off", "ran"), events, "a primitive first argument has nothing to hand off");
        assertTrue(calls.isEmpty(), "no site: only the hand-off is woven");
    }

    @Test
    void aSiteOnAMethodThatHandsOffSeesTheTaskItWasGiven() throws Exception {
        Class<?> type = woven(Values.class, Set.of("execute"), true, false, Kinds.HANDOFF);
        Object values = type.getConstructor().newInstance();
        Runnable task = () -> events.add("ran");
        type.getMethod("execute", Runnable.class).invoke(values, task);
        assertEquals(List.of("handOff", "handed off", "ran"), events);
        assertSame(task, calls.get(0).args[0]);
        assertTrue(calls.get(0).exited);
    }

    @Test
    void anInjectedRequestAndALogRecordsContextAreReplaced() throws Exception {
        Class<?> sending = woven(Values.class, Set.of("send"), false, false, Kinds.INJECT);
        assertEquals("sent r1 with context", sending.getMethod("send", String.class).invoke(sending.getConstructor().newInstance(), "r1"));
        Class<?> type = woven(Values.class, Set.of("context"), false, false, Kinds.LOG_CONTEXT);
        Object values = type.getConstructor().newInstance();
        assertEquals(Map.of("k", "v", "trace_id", "t1"), type.getMethod("context", String.class).invoke(values, "k"));
        InvocationTargetException failure = assertThrows(InvocationTargetException.class,
                () -> type.getMethod("context", String.class).invoke(values, (Object) null));
        assertEquals("no key", failure.getCause().getMessage());
        assertEquals(List.of("inject r1"), events);
    }

    @Test
    void aLogRecordIsPassedOnAndItsEndSeenEvenWhenItThrows() throws Exception {
        Class<?> type = woven(Values.class, Set.of("append"), false, false, Kinds.LOG_RECORD);
        type.getMethod("append", String.class).invoke(null, "r1");
        InvocationTargetException failure = assertThrows(InvocationTargetException.class,
                () -> type.getMethod("append", String.class).invoke(null, ""));
        assertEquals("empty record", failure.getCause().getMessage());
        assertEquals(List.of("logRecord r1", "passed", "logRecord ", "passed"), events);
    }

    @Test
    void aValueOfTheWrongTypeLeavesTheArgumentAsItWas() throws Exception {
        Dispatch.install(new Throwing());
        Class<?> type = woven(Values.class, Set.of("execute", "send", "context", "append"), true, true,
                Kinds.HANDOFF, Kinds.INJECT, Kinds.LOG_CONTEXT, Kinds.LOG_RECORD);
        Object values = type.getConstructor().newInstance();
        type.getMethod("execute", Runnable.class).invoke(values, (Runnable) () -> events.add("ran"));
        assertEquals(List.of("ran"), events);
        assertEquals("sent r1", type.getMethod("send", String.class).invoke(values, "r1"));
        assertEquals(Map.of("k", "v"), type.getMethod("context", String.class).invoke(values, "k"));
        type.getMethod("append", String.class).invoke(null, "r1");
    }

    @Test
    void aLoopAtTheFirstInstructionRunsTheAdviceOnce() throws Exception {
        Class<?> type = woven(Written.class, Set.of("countDown"), true, true);
        assertEquals(0, type.getMethod("countDown", int.class).invoke(null, 5));
        Call call = onlyCall();
        assertNull(call.self);
        assertArrayEquals(new Object[] {5}, call.args);
        assertEquals(0, call.returned);
    }

    @Test
    void theMethodsOwnHandlerStillCatchesFirst() throws Exception {
        Class<?> type = woven(Written.class, Set.of("parse"), true, true);
        Object written = type.getConstructor(String.class).newInstance("w");
        assertEquals(-1, type.getMethod("parse", String.class).invoke(written, "x"));
        assertEquals(42, type.getMethod("parse", String.class).invoke(written, "42"));
        assertEquals(2, calls.size());
        assertSame(written, calls.get(0).self);
        assertEquals(-1, calls.get(0).returned);
        assertNull(calls.get(0).thrown);
        assertEquals(42, calls.get(1).returned);
    }

    @Test
    void everyPrimitiveIsBoxedAndTheResultIsUnchanged() throws Exception {
        Class<?> type = woven(Written.class, Set.of("wide", "half"), true, true);
        Object written = type.getConstructor(String.class).newInstance("w");
        Object result = type.getMethod("wide", long.class, double.class, boolean.class, char.class, byte.class, short.class, float.class)
                .invoke(written, 1L, 2.5, true, 'a', (byte) 3, (short) 4, 5.5f);
        assertEquals(1L + 2 + 1 + 'a' + 3 + 4 + 5, result);
        assertEquals(2.25, type.getMethod("half", double.class).invoke(written, 4.5));
        assertArrayEquals(new Object[] {1L, 2.5, true, 'a', (byte) 3, (short) 4, 5.5f}, calls.get(0).args);
        assertEquals(result, calls.get(0).returned);
        assertEquals(2.25, calls.get(1).returned);
    }

    @Test
    void whatTheMethodThrowsIsSeenAndRethrownAsItWas() throws Exception {
        Class<?> type = woven(Written.class, Set.of("greet"), true, true);
        Object written = type.getConstructor(String.class).newInstance("w");
        assertEquals("w greets v", type.getMethod("greet", String.class).invoke(written, "v"));
        InvocationTargetException failure = assertThrows(InvocationTargetException.class,
                () -> type.getMethod("greet", String.class).invoke(written, (Object) null));
        assertEquals("no one to greet", failure.getCause().getMessage());
        assertEquals("w greets v", calls.get(0).returned);
        assertSame(failure.getCause(), calls.get(1).thrown);
        assertNull(calls.get(1).returned);
        assertTrue(calls.get(1).exited);
    }

    @Test
    void aSiteThatReadsNothingPassesNoArgumentsAndNoResult() throws Exception {
        Class<?> type = woven(Written.class, Set.of("split", "nothing"), false, false);
        Object written = type.getConstructor(String.class).newInstance("w");
        assertArrayEquals(new String[] {"a", "b"}, (String[]) type.getMethod("split", String.class).invoke(written, "a,b"));
        assertArrayEquals(new String[] {"a"}, (String[]) type.getMethod("split", String.class).invoke(written, "a"));
        type.getMethod("nothing").invoke(written);
        assertEquals(3, calls.size());
        for (Call call : calls) {
            assertNull(call.args);
            assertNull(call.returned);
            assertTrue(call.exited);
        }
    }

    @Test
    void aVoidMethodReadingItsReturnSeesNull() throws Exception {
        Class<?> type = woven(Written.class, Set.of("nothing"), true, true);
        type.getMethod("nothing").invoke(type.getConstructor(String.class).newInstance("w"));
        assertNull(onlyCall().returned);
        assertArrayEquals(new Object[0], onlyCall().args);
    }

    @Test
    void aReturnLeavingValuesUnderItsOwnIsDrained() throws Exception {
        byte[] classFile = generated(Opcodes.V11, method -> {
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.ICONST_2);
            method.visitVarInsn(Opcodes.ILOAD, 1);
            method.visitInsn(Opcodes.IRETURN);
        });
        Class<?> type = woven("io.nodescope.generated.Shapes", classFile, Set.of("run"), true, true);
        assertEquals(7, type.getMethod("run", int.class).invoke(type.getConstructor().newInstance(), 7));
        assertEquals(7, onlyCall().returned);
    }

    @Test
    void aMethodReusingTheSlotOfThisStillReportsItsReceiver() throws Exception {
        byte[] classFile = generated(Opcodes.V11, method -> {
            method.visitVarInsn(Opcodes.ILOAD, 1);
            method.visitVarInsn(Opcodes.ISTORE, 0);
            method.visitVarInsn(Opcodes.ILOAD, 0);
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IADD);
            method.visitInsn(Opcodes.IRETURN);
        });
        Class<?> type = woven("io.nodescope.generated.Shapes", classFile, Set.of("run"), true, true);
        Object shapes = type.getConstructor().newInstance();
        assertEquals(8, type.getMethod("run", int.class).invoke(shapes, 7));
        assertSame(shapes, onlyCall().self);
    }

    @Test
    void classFilesFromBeforeStackMapsAreWovenWithout() throws Exception {
        for (int version : new int[] {Opcodes.V1_5, Opcodes.V1_6}) {
            calls.clear();
            byte[] classFile = generated(version, method -> {
                Label positive = new Label();
                method.visitVarInsn(Opcodes.ILOAD, 1);
                method.visitJumpInsn(Opcodes.IFGT, positive);
                method.visitInsn(Opcodes.ICONST_0);
                method.visitInsn(Opcodes.IRETURN);
                method.visitLabel(positive);
                if (version >= Opcodes.V1_6) {
                    method.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
                }
                method.visitVarInsn(Opcodes.ILOAD, 1);
                method.visitInsn(Opcodes.IRETURN);
            });
            Class<?> type = woven("io.nodescope.generated.Shapes", classFile, Set.of("run"), true, true);
            Object shapes = type.getConstructor().newInstance();
            assertEquals(0, type.getMethod("run", int.class).invoke(shapes, -3));
            assertEquals(4, type.getMethod("run", int.class).invoke(shapes, 4));
            assertEquals(List.of(0, 4), List.of(calls.get(0).returned, calls.get(1).returned), "class file version " + version);
        }
    }

    @Test
    void aMethodTheAdviceWouldMakeTooLargeIsRefusedNotCutShort() {
        byte[] classFile = generated(Opcodes.V11, method -> {
            for (int i = 0; i < 21_830; i++) {  // 65,492 bytes of code with the return, within the JVM's 65,535
                method.visitIincInsn(1, 1);
            }
            method.visitVarInsn(Opcodes.ILOAD, 1);
            method.visitInsn(Opcodes.IRETURN);
        });
        Class<?> unwoven = new ClassLoader(ClassWeaverTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("io.nodescope.generated.Shapes", classFile, 0, classFile.length);
            }
        }.define();
        assertEquals("run", unwoven.getDeclaredMethods()[0].getName(), "the JVM takes the method as it is");
        // The transformer counts the class as failed and leaves it as it was.
        assertThrows(RuntimeException.class, () -> woven("io.nodescope.generated.Shapes", classFile, Set.of("run"), true, true));
    }

    @Test
    void aFailingDispatchLeavesTheMethodAsItWas() throws Exception {
        Dispatch.install(new Throwing());
        Class<?> type = woven(Written.class, Set.of("parse", "greet"), true, true);
        Object written = type.getConstructor(String.class).newInstance("w");
        assertEquals(12, type.getMethod("parse", String.class).invoke(written, "12"));
        InvocationTargetException failure = assertThrows(InvocationTargetException.class,
                () -> type.getMethod("greet", String.class).invoke(written, (Object) null));
        assertEquals(IllegalArgumentException.class, failure.getCause().getClass());
    }

    /** A handler whose every call fails as only the JVM's own errors could get past the real one, or answers a value of the wrong type. */
    private static final class Throwing implements CallHandler {
        @Override
        public Object enter(int site, Object self, Object[] args) {
            throw new StackOverflowError("enter");
        }

        @Override
        public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
            throw new OutOfMemoryError("exit");
        }

        @Override
        public Object handOff(Object task) {
            return 42;
        }

        @Override
        public Object inject(Object request) {
            return 42;
        }

        @Override
        public Object logContext(Object context) {
            return List.of("not a map");
        }

        @Override
        public void logRecord(Object record) {
            throw new StackOverflowError("logRecord");
        }

        @Override
        public void logRecordPassed() {
            throw new StackOverflowError("logRecordPassed");
        }
    }

    private Call onlyCall() {
        assertEquals(1, calls.size());
        assertTrue(calls.get(0).exited);
        return calls.get(0);
    }

    private interface Body {
        void write(MethodVisitor method);
    }

    /** A class with a constructor and {@code public int run(int)} whose code {@code body} writes, as a bytecode tool might. */
    private static byte[] generated(int version, Body body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC, "io/nodescope/generated/Shapes", null, "java/lang/Object", null);
        MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        constructor.visitCode();
        constructor.visitVarInsn(Opcodes.ALOAD, 0);
        constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        constructor.visitInsn(Opcodes.RETURN);
        constructor.visitMaxs(0, 0);
        constructor.visitEnd();
        MethodVisitor run = writer.visitMethod(Opcodes.ACC_PUBLIC, "run", "(I)I", null, null);
        run.visitCode();
        body.write(run);
        run.visitMaxs(0, 0);
        run.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static Class<?> woven(Class<?> type, Set<String> methods, boolean readsArguments, boolean readsReturn, Kind... kinds)
            throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return woven(type.getName(), in.readAllBytes(), methods, readsArguments, readsReturn, kinds);
        }
    }

    /**
     * The class woven at the methods named, each its own site (none when it reads nothing and
     * {@code kinds} are given), with what {@code kinds} do, defined by a loader of its own.
     */
    private static Class<?> woven(String name, byte[] classFile, Set<String> methods, boolean readsArguments, boolean readsReturn,
            Kind... kinds) {
        Map<String, WovenMethod> woven = new HashMap<>();
        Set<String> found = new HashSet<>();
        for (MethodOutline method : ClassOutline.read(classFile).methods()) {
            if (methods.contains(method.name())) {
                WovenMethod weaving = new WovenMethod(method);
                if (readsArguments || readsReturn || kinds.length == 0) {
                    weaving.site(woven.size() + 1, readsArguments, readsReturn);
                }
                for (Kind kind : kinds) {
                    weaving.add(kind);
                }
                woven.put(weaving.key(), weaving);
                found.add(method.name());
            }
        }
        assertEquals(methods, found, "each method named is there");
        byte[] wovenFile = ClassWeaver.weave(classFile, woven);
        return new ClassLoader(ClassWeaverTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(name, wovenFile, 0, wovenFile.length);
            }
        }.define();
    }
}
