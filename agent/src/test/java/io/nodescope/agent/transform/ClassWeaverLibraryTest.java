package io.nodescope.agent.transform;

import net.bytebuddy.jar.asm.Opcodes;
import io.nodescope.agent.matching.MethodOutline;
import io.nodescope.agent.matching.ClassOutline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.antlr.v4.runtime.Parser;
import org.tomlj.Toml;
import io.nodescope.bootstrap.CallHandler;
import io.nodescope.bootstrap.Dispatch;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broadest rule on real libraries: every method with code of Jackson's core and databind
 * (some 900 classes of javac's output, generic bridges, synthetic accessors and lambda bodies
 * included, which the rules themselves never select), and of tomlj with the ANTLR runtime (a
 * generated parser: large methods, large switches), woven with a site that reads arguments and
 * return value. Every woven class must pass the JVM's verifier, and each library, used through the
 * woven classes, must work as before while every call it makes is seen entering and leaving.
 */
class ClassWeaverLibraryTest {

    private static final AtomicLong ENTERED = new AtomicLong();
    private static final AtomicLong EXITED = new AtomicLong();
    private static final AtomicLong THROWN = new AtomicLong();

    private static WovenLoader jackson;
    private static WovenLoader toml;
    private static int wovenMethods;

    @BeforeAll
    static void weaveLibraries() throws Exception {
        Dispatch.install(new Counting());
        jackson = new WovenLoader(weaveJars(JsonFactory.class, ObjectMapper.class));
        toml = new WovenLoader(weaveJars(Toml.class, Parser.class));
    }

    private static Map<String, byte[]> weaveJars(Class<?>... inJars) throws IOException, URISyntaxException {
        Map<String, byte[]> woven = new HashMap<>();
        for (Class<?> inJar : inJars) {
            woven.putAll(weaveJar(inJar));
        }
        return woven;
    }

    @AfterAll
    static void reset() {
        Dispatch.install(null);
    }

    @Test
    void everyWovenClassPassesTheVerifier() throws ClassNotFoundException {
        List<String> rejected = new ArrayList<>();
        int linked = 0;
        for (WovenLoader loader : List.of(jackson, toml)) {
            for (String name : loader.names()) {
                try {
                    // Reflecting on its methods links the class, and linking verifies it; nothing is initialized.
                    Class.forName(name, false, loader).getDeclaredMethods();
                    linked++;
                } catch (VerifyError | ClassFormatError e) {
                    rejected.add(name + ": " + e);
                } catch (LinkageError e) {
                    // An optional dependency the library refers to and this class path lacks: not the weaving's doing.
                }
            }
        }
        assertEquals(List.of(), rejected);
        assertTrue(linked > 1_200, linked + " classes linked");
        assertTrue(wovenMethods > 12_000, wovenMethods + " methods woven");
    }

    @Test
    void theWovenJacksonWorksAndEveryCallIsSeenToLeave() throws Exception {
        Class<?> mapperType = jackson.loadClass(ObjectMapper.class.getName());
        Object mapper = mapperType.getConstructor().newInstance();
        Method write = mapperType.getMethod("writeValueAsString", Object.class);
        Method read = mapperType.getMethod("readValue", String.class, Class.class);
        Map<String, Object> value = Map.of("name", "ledger", "sizes", List.of(1, 2.5, "x"), "open", true);
        long enteredBefore = ENTERED.get();

        Object json = write.invoke(mapper, value);
        assertEquals(value, read.invoke(mapper, json, Map.class));
        InvocationTargetException failure = assertThrows(InvocationTargetException.class, () -> read.invoke(mapper, "{\"unclosed", Map.class));
        assertEquals("com.fasterxml.jackson.core.io.JsonEOFException", failure.getCause().getClass().getName());

        assertTrue(ENTERED.get() - enteredBefore > 1_000, ENTERED.get() - enteredBefore + " calls");
        assertEquals(ENTERED.get(), EXITED.get(), "every call that entered left");
        assertTrue(THROWN.get() > 0, "the failure left through the advice's handler");
    }

    @Test
    void theWovenGeneratedParserWorksAndEveryCallIsSeenToLeave() throws Exception {
        Method parse = toml.loadClass(Toml.class.getName()).getMethod("parse", String.class);
        long enteredBefore = ENTERED.get();
        long thrownBefore = THROWN.get();

        Object parsed = parse.invoke(null, "[node]\nname = \"ledger\"\nports = [1, 2]\n");
        assertEquals("ledger", parsed.getClass().getMethod("getString", String.class).invoke(parsed, "node.name"));
        Object broken = parse.invoke(null, "[node\nname = ");
        assertEquals(Boolean.TRUE, broken.getClass().getMethod("hasErrors").invoke(broken));

        assertTrue(ENTERED.get() - enteredBefore > 1_000, ENTERED.get() - enteredBefore + " calls");
        assertEquals(ENTERED.get(), EXITED.get(), "every call that entered left");
        assertTrue(THROWN.get() > thrownBefore, "the parser's recovery threw inside it, through the advice's handler");
    }

    /** Weaves every method with code of every class in the jar that holds {@code inJar}. */
    private static Map<String, byte[]> weaveJar(Class<?> inJar) throws IOException, URISyntaxException {
        Map<String, byte[]> woven = new HashMap<>();
        ClassLoader original = inJar.getClassLoader();
        try (JarFile jar = new JarFile(inJar.getProtectionDomain().getCodeSource().getLocation().toURI().getPath())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (!path.endsWith(".class") || path.startsWith("META-INF/") || path.endsWith("module-info.class")) {
                    continue;
                }
                String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                byte[] classFile = jar.getInputStream(entry).readAllBytes();
                Map<String, WovenMethod> methods = new HashMap<>();
                for (MethodOutline method : ClassOutline.read(classFile).methods()) {
                    if (!method.name().startsWith("<") && (method.access() & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                        WovenMethod weaving = new WovenMethod(method).site(1, true, true);
                        methods.put(weaving.key(), weaving);
                    }
                }
                wovenMethods += methods.size();
                woven.put(name, methods.isEmpty() ? classFile : ClassWeaver.weave(classFile, methods));
            }
        }
        return woven;
    }

    /** Defines the woven classes itself, first; everything else comes from its parent. */
    private static final class WovenLoader extends ClassLoader {
        private final Map<String, byte[]> classFiles;

        WovenLoader(Map<String, byte[]> classFiles) {
            super(ClassWeaverLibraryTest.class.getClassLoader());
            this.classFiles = classFiles;
        }

        List<String> names() {
            return new ArrayList<>(classFiles.keySet());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] classFile = classFiles.get(name);
                    if (classFile == null) {
                        return super.loadClass(name, resolve);
                    }
                    loaded = defineClass(name, classFile, 0, classFile.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private static final class Counting implements CallHandler {
        @Override
        public Object enter(int site, Object self, Object[] args) {
            ENTERED.incrementAndGet();
            return null;
        }

        @Override
        public void exit(int site, long startNanos, Object state, Object self, Object[] args, Object returned, Throwable thrown) {
            EXITED.incrementAndGet();
            if (thrown != null) {
                THROWN.incrementAndGet();
            }
        }

        @Override
        public Object handOff(Object task) {
            return task;
        }

        @Override
        public Object inject(Object request) {
            return request;
        }

        @Override
        public Object logContext(Object context) {
            return context;
        }

        @Override
        public void logRecord(Object record) {
        }

        @Override
        public void logRecordPassed() {
        }
    }
}
