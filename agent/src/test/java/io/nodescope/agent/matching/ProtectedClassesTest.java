package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.NamePattern;
import io.nodescope.fixture.Handlers;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

class ProtectedClassesTest {

    /** What the candidate filter looks for when a rule can select a JDK class. */
    private static final SupertypeIndex EXECUTORS = new SupertypeIndex(Set.of(ProtectedClasses.EXECUTOR), SupertypeIndex.LOADERS, false);

    @Test
    void theAgentsOwnClassesAreProtected() {
        assertTrue(ProtectedClasses.isProtectedByName("io.nodescope.agent.sites.SiteTable"));
        assertTrue(ProtectedClasses.isProtectedByName("io.nodescope.bootstrap.Dispatch"));
        assertTrue(ProtectedClasses.isProtectedByName("io.nodescope.instrumentation.Kinds"));
        assertTrue(ProtectedClasses.isProtectedByName("io.nodescope.shaded.opentelemetry.sdk.trace.SdkSpan"));
        assertTrue(ProtectedClasses.isProtectedByName("net.bytebuddy.ByteBuddy"));
        assertFalse(ProtectedClasses.isProtectedByName(Handlers.PublishHandler.class.getName()), "test fixtures are the node's");
        assertFalse(ProtectedClasses.isProtectedByName("io.nodescopeish.Node"));
    }

    @Test
    void theJdkCoreTheAgentRunsOnIsProtected() {
        for (String name : new String[] {"java.lang.String", "java.lang.ThreadLocal", "java.lang.invoke.MethodHandle",
            "java.lang.ref.WeakReference", "java.lang.reflect.Method", "java.util.HashMap", "java.util.Collections$1",
            "java.util.concurrent.atomic.LongAdder", "java.util.concurrent.locks.ReentrantLock", "java.util.function.Function",
            "java.util.stream.ReferencePipeline", "java.util.regex.Pattern", "jdk.internal.misc.Unsafe", "jdk.internal.loader.BuiltinClassLoader",
            "sun.misc.Unsafe", "sun.reflect.misc.ReflectUtil", "sun.invoke.util.Wrapper"}) {
            assertTrue(ProtectedClasses.isProtectedByName(name), name);
        }
    }

    @Test
    void theJdkThatRulesAndPacksSelectStaysOpen() {
        for (String name : new String[] {"java.util.zip.CRC32", "java.util.zip.Adler32", "java.util.jar.JarFile", "java.io.FileInputStream",
            "java.net.HttpURLConnection", "java.sql.Statement", "jdk.internal.net.http.HttpClientFacade", "com.sun.net.httpserver.HttpServer",
            "sun.net.www.protocol.http.HttpURLConnection", "java.util.logging.Logger"}) {
            assertFalse(ProtectedClasses.isProtectedByName(name), name);
        }
    }

    @Test
    void inJavaUtilConcurrentOnlyTheExecutorsAreOpen() {
        assertFalse(isProtected((ThreadPoolExecutor.class)));
        assertFalse(isProtected((ForkJoinPool.class)));
        assertFalse(ProtectedClasses.isProtected(Executors.newSingleThreadExecutor().getClass()), "the delegating wrapper");
        assertTrue(isProtected((ConcurrentHashMap.class)));
        assertTrue(ProtectedClasses.isProtected(ConcurrentHashMap.class));
        assertTrue(isProtected((LongAdder.class)));
        assertFalse(isProtected((CRC32.class)));
        assertTrue(isProtected((String.class)));
    }

    @Test
    void aRuleNamingOrReachingAProtectedPackageIsTold() {
        assertTrue(reached("java.lang.String").orElseThrow().startsWith("java.lang.** ("), reached("java.lang.String").toString());
        assertTrue(reached("java.util.concurrent.ConcurrentHashMap").orElseThrow().startsWith("java.util.concurrent ("));
        assertTrue(reached("java.util.*").orElseThrow().startsWith("java.util ("));
        assertTrue(reached("java.util.Hash*").isPresent());
        assertTrue(reached("java.lang.reflect.**").isPresent());
        assertTrue(reached("java.**").orElseThrow().contains("java.lang.**"));
        assertTrue(reached("io.nodescope.agent.sites.Site").orElseThrow().contains("the agent's own"));
        assertTrue(reached("jdk.internal.misc.*").isPresent());

        assertEquals(Optional.empty(), reached("java.util.concurrent.ThreadPoolExecutor"));
        assertEquals(Optional.empty(), reached("java.util.zip.CRC32"));
        assertEquals(Optional.empty(), reached("java.util.zip.*"));
        assertEquals(Optional.empty(), reached("jdk.internal.net.http.HttpClientFacade"));
        assertEquals(Optional.empty(), reached("jdk.internal.net.http.*"));
        assertEquals(Optional.empty(), reached("**"));
        assertEquals(Optional.empty(), reached("*.String"));
        assertEquals(Optional.empty(), reached("org.example.**"));
        assertEquals(Optional.empty(), reached("io.nodescope.fixture.*"));
    }

    @Test
    void theRulesReferenceListsEveryProtectedPackageAndTheMethodLimit() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/rules.md"));
        for (String protectedPackage : ProtectedClasses.packages()) {
            assertTrue(doc.contains("`" + protectedPackage + "`"), "docs/rules.md lists " + protectedPackage);
        }
        assertTrue(doc.contains("A rule instruments at most **" + RuleLimits.METHODS_PER_RULE + " methods**."));
        assertTrue(doc.contains("## Classes the agent never instruments") && doc.contains("## How much a rule may select"),
                "the sections the agent's warnings point to");
    }

    private static Optional<String> reached(String pattern) {
        return ProtectedClasses.reachedBy(NamePattern.of(pattern));
    }

    /** As the transformer sees a class: from its class file and its ancestors', not from the loaded class. */
    private static boolean isProtected(Class<?> type) {
        ClassOutline outline = ClassOutline.read(ClassFileLocator.ForClassLoader.read(type));
        return ProtectedClasses.isProtected(outline.name(), EXECUTORS.reached(null, outline));
    }
}
