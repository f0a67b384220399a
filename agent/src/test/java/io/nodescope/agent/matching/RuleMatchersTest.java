package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.TestConfigs;
import io.nodescope.fixture.Handlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleMatchersTest {

    private static final List<Class<?>> CLASSES = List.of(Handlers.Handler.class, Handlers.BaseHandler.class,
            Handlers.PublishHandler.class, Handlers.LegacyHandler.class, String.class);

    @TempDir
    Path dir;

    @Test
    void supertypeSelectsEveryImplementationButNeverAbstractMethods() throws Exception {
        assertEquals(Set.of("Handlers$LegacyHandler.handle(1)", "Handlers$PublishHandler.handle(1)", "Handlers$PublishHandler.handle(3)"),
                selected("class.supertype = 'io.nodescope.fixture.Handlers$Handler'\nmethod.name = 'handle'"));
    }

    @Test
    void exclusionsRemoveClassesAndMethods() throws Exception {
        assertEquals(Set.of("Handlers$PublishHandler.handle(1)", "Handlers$PublishHandler.handle(3)"),
                selected("class.supertype = 'io.nodescope.fixture.Handlers$Handler'\nmethod.name = 'handle'\n"
                        + "exclude.classes = ['**Legacy*']"));
        assertEquals(Set.of("Handlers$PublishHandler.abstractStep(0)", "Handlers$PublishHandler.helper(0)",
                "Handlers$PublishHandler.internalStep(0)"),
                selected("class.name = 'io.nodescope.fixture.Handlers$Publish*'\nexclude.methods = ['handle', 'to*']"));
    }

    @Test
    void globsStayWithinASegmentUnlessDoubled() throws Exception {
        assertEquals(Set.of(), selected("class.name = 'io.nodescope.*'\nmethod.name = 'handle'"));
        assertEquals(Set.of("Handlers$LegacyHandler.handle(1)", "Handlers$PublishHandler.handle(1)", "Handlers$PublishHandler.handle(3)"),
                selected("class.name = 'io.nodescope.**'\nmethod.name = 'hand?e'"));
    }

    @Test
    void parametersSelectAnOverloadByTypesOrCount() throws Exception {
        assertEquals(Set.of("Handlers$PublishHandler.handle(3)"),
                selected("class.name = 'io.nodescope.fixture.Handlers$PublishHandler'\n"
                        + "method.parameters = ['java.lang.String', 'int[]', 'long']"));
        assertEquals(Set.of("Handlers$PublishHandler.handle(1)"),
                selected("class.name = 'io.nodescope.fixture.Handlers$PublishHandler'\nmethod.name = 'handle'\nmethod.parameter_count = 1"));
    }

    @Test
    void staticnessAndAnnotationsSelect() throws Exception {
        assertEquals(Set.of("Handlers$PublishHandler.helper(0)"),
                selected("class.name = 'io.nodescope.fixture.Handlers$PublishHandler'\nmethod.static = true"));
        assertEquals(Set.of("Handlers$PublishHandler.helper(0)"),
                selected("class.annotation = 'io.nodescope.fixture.Handlers$Traced'\n"
                        + "method.annotation = 'io.nodescope.fixture.Handlers$Traced'"));
        assertEquals(5, selected("class.annotation = 'io.nodescope.fixture.Handlers$Traced'\nmethod.static = false").size());
    }

    @Test
    void publicOnlyLeavesOutAClassesInternals() throws Exception {
        assertEquals(Set.of("Handlers$PublishHandler.internalStep(0)"),
                selected("class.name = 'io.nodescope.fixture.Handlers$PublishHandler'\nmethod.public = false"));
        assertEquals(5, selected("class.name = 'io.nodescope.fixture.Handlers$PublishHandler'\nmethod.public = true").size());
    }

    @Test
    void jdkClassesCanBeSelectedByExactName() throws Exception {
        assertEquals(Set.of("String.isBlank(0)"), selected("class.name = 'java.lang.String'\nmethod.name = 'isBlank'"));
    }

    @Test
    void onlyRulesThatCanNameAJdkClassMakeTheAgentLookAtTheJdk() throws Exception {
        assertEquals(false, reachesJdk("class.supertype = 'org.example.node.command.Command'"));
        assertEquals(false, reachesJdk("class.name = 'org.example.**'\nclass.supertype = 'java.lang.Runnable'"));
        assertEquals(false, reachesJdk("class.annotation = 'com.example.Traced'"));
        assertEquals(true, reachesJdk("class.name = 'java.util.zip.CRC32'"));
        assertEquals(true, reachesJdk("class.name = 'java.util.zip.*'"));
        assertEquals(true, reachesJdk("class.supertype = 'java.lang.Runnable'"));
        assertEquals(true, reachesJdk("class.annotation = 'java.lang.Deprecated'"));
    }

    /** A glob meant for the node never reaches the JDK: only a fixed start naming a JDK package does. */
    @Test
    void aGlobWithoutAJdkPackageInItsFixedStartNeverReachesTheJdk() throws Exception {
        assertEquals(false, reachesJdk("class.name = '**'"));
        assertEquals(false, reachesJdk("class.name = '**Task'"));
        assertEquals(false, reachesJdk("class.name = '*.Foo'"));
        assertEquals(false, reachesJdk("class.name = 'j*.**'"));
        assertEquals(false, reachesJdk("class.name = 'java*'"));
        assertEquals(true, reachesJdk("class.name = 'java.**'"));
        assertEquals(true, reachesJdk("class.name = 'com.sun.net.httpserver.*'"));
    }

    private boolean reachesJdk(String selectors) throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[[rule]]\nname = 'r'\nkind = 'task'\n" + selectors + "\n");
        return RuleMatchers.anyMayMatchJdkClasses(config.rules());
    }

    /**
     * The methods a rule with these selector lines picks from the fixture classes, as Simple.method(parameterCount).
     * Every class with a selected method must also pass the candidate filter that runs before the matchers.
     */
    private Set<String> selected(String selectors) throws Exception {
        AgentConfig config = TestConfigs.load(dir, "[[rule]]\nname = 'r'\nkind = 'command'\n" + selectors + "\n");
        RuleMatchers matchers = RuleMatchers.of(config.rules().get(0));
        CandidateFilter candidates = new CandidateFilter(config.rules());
        Set<String> selected = new TreeSet<>();
        for (Class<?> type : CLASSES) {
            byte[] classFile = ClassFileLocator.ForClassLoader.read(type);
            ClassOutline outline = ClassOutline.read(classFile);
            if (!matchers.selectsClass(outline, candidates.ancestors(type.getClassLoader(), outline))) {
                continue;
            }
            for (MethodOutline method : outline.methods()) {
                if (matchers.selectsMethod(method)) {
                    assertTrue(candidates.mayMatch(type.getClassLoader(), classFile), "the candidate filter drops " + type.getName());
                    String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1);
                    selected.add(simple + "." + method.name() + "(" + method.parameterTypes().size() + ")");
                }
            }
        }
        return selected;
    }
}
