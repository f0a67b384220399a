package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestConfigs;
import io.nodescope.fixture.Handlers;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateFilterTest {

    @TempDir
    Path dir;

    @Test
    void readsNamesAndTextsFromTheConstantPool() {
        ClassOutline header = ClassOutline.read(ClassFileLocator.ForClassLoader.read(Handlers.PublishHandler.class));
        assertEquals("io.nodescope.fixture.Handlers$PublishHandler", header.name());
        assertEquals("io.nodescope.fixture.Handlers$BaseHandler", header.superName());
        assertEquals(List.of(), header.interfaceNames());
        assertEquals(List.of("io.nodescope.fixture.Handlers$Handler"),
                ClassOutline.read(ClassFileLocator.ForClassLoader.read(Handlers.LegacyHandler.class)).interfaceNames());
        assertTrue(header.hasText(ClassOutline.encode("helper")));
        assertFalse(header.hasText(ClassOutline.encode("helpe")));
        assertEquals(null, ClassOutline.read(ClassFileLocator.ForClassLoader.read(Object.class)).superName());
    }

    @Test
    void findsSupertypesThroughTheAncestorsClassFiles() throws Exception {
        CandidateFilter filter = filter("class.supertype = 'io.nodescope.fixture.Handlers$Handler'\nmethod.name = 'handle'");
        assertTrue(mayMatch(filter, Handlers.PublishHandler.class));  // through BaseHandler
        assertTrue(mayMatch(filter, Handlers.LegacyHandler.class));
        assertFalse(mayMatch(filter, String.class));
        assertFalse(mayMatch(filter, Handlers.class));
    }

    @Test
    void dropsClassesWithoutTheMethodNameTheAnnotationOrTheClassName() throws Exception {
        assertFalse(mayMatch(filter("class.name = 'io.nodescope.fixture.**'\nmethod.name = 'absent'"), Handlers.PublishHandler.class));
        assertFalse(mayMatch(filter("class.name = 'io.nodescope.fixture.**'\nmethod.name = 'abs*'"), Handlers.LegacyHandler.class));
        assertTrue(mayMatch(filter("class.name = 'io.nodescope.fixture.**'\nmethod.name = 'abs*'"), Handlers.PublishHandler.class));
        assertFalse(mayMatch(filter("class.annotation = 'io.nodescope.fixture.Handlers$Traced'"), Handlers.LegacyHandler.class));
        assertTrue(mayMatch(filter("class.annotation = 'io.nodescope.fixture.Handlers$Traced'"), Handlers.PublishHandler.class));
        assertFalse(mayMatch(filter("class.name = 'io.nodescope.fixture.Handlers$Legacy*'"), Handlers.PublishHandler.class));
    }

    /** Declares the method a rule names. */
    static class Declarer {
        void settle() {
        }
    }

    /** Only calls it: the name is in its constant pool, but no rule can select a method of it. */
    static class Caller {
        private int count;

        void run(Declarer declarer) {
            declarer.settle();
            count++;
        }
    }

    @Test
    void aClassThatOnlyCallsTheMethodARuleNamesIsDropped() throws Exception {
        CandidateFilter filter = filter("class.name = 'io.nodescope.agent.matching.**'\nmethod.name = 'settle'");
        assertTrue(mayMatch(filter, Declarer.class));
        assertFalse(mayMatch(filter, Caller.class));
        ClassOutline caller = ClassOutline.read(ClassFileLocator.ForClassLoader.read(Caller.class));
        assertTrue(caller.hasText(ClassOutline.encode("settle")), "the call names it");
        assertFalse(caller.declaresMethod(ClassOutline.encode("settle"), true));
        assertTrue(caller.declaresMethod(ClassOutline.encode("run"), true), "after a field and its attributes");
    }

    @Test
    void aMethodGlobRulesOutTheClassesWithNoMethodOfItsFixedStart() throws Exception {
        CandidateFilter glob = filter("class.supertype = 'io.nodescope.fixture.Handlers$Handler'\nmethod.name = 'hand*'");
        assertTrue(mayMatch(glob, Handlers.PublishHandler.class), "handle(...)");
        assertFalse(mayMatch(glob, Caller.class), "only run(...)");
        assertFalse(mayMatch(filter("class.name = 'io.nodescope.**'\nmethod.name = 'settled*'"), Declarer.class), "settle is shorter");
        assertTrue(mayMatch(filter("class.name = 'io.nodescope.**'\nmethod.name = 'sett?e'"), Declarer.class));
        assertTrue(mayMatch(filter("class.name = 'io.nodescope.**'\nmethod.name = '*'"), Caller.class), "no fixed start: no say");
    }

    /** A rule selects only methods a class declares: one whose declared methods it cannot take needs no ancestors read. */
    @Test
    void dropsAClassNoneOfWhoseDeclaredMethodsTheRuleTakesBeforeReadingItsAncestors() throws Exception {
        byte[] publish = ClassFileLocator.ForClassLoader.read(Handlers.PublishHandler.class);
        byte[] handler = ClassFileLocator.ForClassLoader.read(Handlers.Handler.class);
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            // The ancestors cannot be read through this loader: only the methods can rule a class out.
            String rule = "class.supertype = 'org.example.Elsewhere'\nmethod.name = 'handle'\n";
            assertTrue(filter(rule).mayMatch(blind, publish));
            assertTrue(filter(rule + "method.parameters = ['java.lang.String']").mayMatch(blind, publish));
            assertFalse(filter(rule + "method.parameters = ['java.lang.Long']").mayMatch(blind, publish), "no handle(Long)");
            assertTrue(filter(rule + "method.parameter_count = 3").mayMatch(blind, publish), "handle(String, int[], long)");
            assertFalse(filter(rule + "method.parameter_count = 2").mayMatch(blind, publish));
            String glob = "class.supertype = 'org.example.Elsewhere'\nmethod.name = 'ha*'\n";
            assertTrue(filter(glob + "method.parameter_count = 3").mayMatch(blind, publish), "a glob's methods too");
            assertFalse(filter(glob + "method.parameter_count = 4").mayMatch(blind, publish));
            assertFalse(filter(rule + "method.static = true").mayMatch(blind, publish));
            assertFalse(filter(rule).mayMatch(blind, handler), "the interface's handle is abstract");
            assertFalse(filter(rule + "exclude.methods = ['handle']").mayMatch(blind, publish));
        }
    }

    /** Only a constructor and abstract methods: nothing a rule can select. */
    abstract static class Shell extends Declarer {
        Shell() {
        }

        abstract void declared();
    }

    interface Step {
    }

    /** Only abstract methods. */
    interface Steps extends Step {
        void step();
    }

    /** A static method only. */
    static final class StaticHelper extends Declarer {

        static int twice(int value) {
            return 2 * value;
        }
    }

    /** A rule without a method name rules out the classes that declare no method a rule selects: interfaces, abstract shells. */
    @Test
    void aRuleWithoutAMethodNameDropsAClassWithNothingToSelectBeforeReadingItsAncestors() throws Exception {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            CandidateFilter everyMethod = filter("class.supertype = 'org.example.Elsewhere'");
            assertTrue(everyMethod.mayMatch(blind, ClassFileLocator.ForClassLoader.read(Handlers.PublishHandler.class)));
            // Their ancestors cannot be read through this loader: only what they declare can rule them out.
            assertFalse(everyMethod.mayMatch(blind, ClassFileLocator.ForClassLoader.read(Steps.class)), "abstract only");
            assertFalse(everyMethod.mayMatch(blind, ClassFileLocator.ForClassLoader.read(Shell.class)), "a constructor and an abstract method");
            assertTrue(everyMethod.mayMatch(blind, ClassFileLocator.ForClassLoader.read(StaticHelper.class)), "a static method");
        }
    }

    @Test
    void letsAClassThroughWhenAnAncestorCannotBeRead() throws Exception {
        CandidateFilter filter = filter("class.supertype = 'org.example.Elsewhere'");
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            assertTrue(filter.mayMatch(blind, ClassFileLocator.ForClassLoader.read(Handlers.PublishHandler.class)));
        }
        assertFalse(mayMatch(filter, Handlers.PublishHandler.class));
        assertTrue(filter.mayMatch(null, new byte[] {1, 2, 3}));
    }

    /** A framework's base class generated at runtime: its loader has no class file for it, only the loaded class. */
    @Test
    void anAncestorWithoutAClassFileIsReadFromTheLoadedClass() throws Exception {
        Class<?> base = new ByteBuddy().subclass(Object.class).name("io.nodescope.generated.RuntimeBase")
                .modifiers(Modifier.PUBLIC | Modifier.ABSTRACT).implement(Handlers.Handler.class).make()
                .load(getClass().getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassOutline sub = ClassOutline.read(new ByteBuddy().subclass(base).name("io.nodescope.generated.RuntimeSub").make().getBytes());
        List<io.nodescope.agent.config.Rule> rules = TestConfigs.load(dir,
                "[[rule]]\nname = 'r'\nkind = 'command'\nclass.supertype = 'io.nodescope.fixture.Handlers$Handler'\n").rules();
        assertEquals(null, base.getClassLoader().getResource("io/nodescope/generated/RuntimeBase.class"), "no class file");

        SupertypeIndex.ClassFiles filesOnly = new SupertypeIndex.ClassFiles() {
            @Override
            public InputStream open(ClassLoader loader, String name) throws java.io.IOException {
                return SupertypeIndex.LOADERS.open(loader, name);
            }

            @Override
            public Class<?> loaded(ClassLoader loader, String name) {
                return null;
            }
        };
        Ancestors fromFiles = new CandidateFilter(rules, filesOnly, false).ancestors(base.getClassLoader(), sub);
        assertFalse(fromFiles.reaches("io.nodescope.fixture.Handlers$Handler"));
        assertTrue(fromFiles.mayReach("io.nodescope.fixture.Handlers$Handler"), "not read: the filter lets it through");

        CandidateFilter.readLoadedAncestors(ByteBuddyAgent.install());
        CandidateFilter loaders = new CandidateFilter(rules);
        assertTrue(loaders.ancestors(base.getClassLoader(), sub).reaches("io.nodescope.fixture.Handlers$Handler"));
        assertTrue(RuleMatchers.of(rules.get(0)).selectsClass(sub, loaders.ancestors(base.getClassLoader(), sub)));
    }

    /** A list the test's loader defines: its JDK ancestors are loaded, and that loader has resolved them. */
    static final class Listing extends java.util.AbstractList<String> implements java.util.RandomAccess {
        @Override
        public String get(int index) {
            return "";
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** The JDK's classes a loader has loaded are read from the loaded classes, as the loader's own are: the JDK's class files are not opened. */
    @Test
    void jdkAncestorsTheLoaderHasLoadedAreReadFromTheLoadedClasses() throws Exception {
        List<io.nodescope.agent.config.Rule> rules = TestConfigs.load(dir,
                "[[rule]]\nname = 'r'\nkind = 'command'\nclass.supertype = 'java.util.Collection'\n").rules();
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        SupertypeIndex.ClassFiles counting = new SupertypeIndex.ClassFiles() {
            @Override
            public InputStream open(ClassLoader loader, String name) throws java.io.IOException {
                opened.add(name);
                return SupertypeIndex.LOADERS.open(loader, name);
            }

            @Override
            public Class<?> loaded(ClassLoader loader, String name) {
                return SupertypeIndex.LOADERS.loaded(loader, name);
            }
        };
        CandidateFilter.readLoadedAncestors(ByteBuddyAgent.install());
        ClassOutline listing = ClassOutline.read(ClassFileLocator.ForClassLoader.read(Listing.class));
        Ancestors ancestors = new CandidateFilter(rules, counting, false).ancestors(Listing.class.getClassLoader(), listing);
        assertTrue(ancestors.reaches("java.util.Collection"));
        assertEquals(List.of(), opened);
    }

    private CandidateFilter filter(String selectors) throws Exception {
        return new CandidateFilter(TestConfigs.load(dir, "[[rule]]\nname = 'r'\nkind = 'command'\n" + selectors + "\n").rules());
    }

    private static boolean mayMatch(CandidateFilter filter, Class<?> type) {
        return filter.mayMatch(type.getClassLoader(), ClassFileLocator.ForClassLoader.read(type));
    }
}
