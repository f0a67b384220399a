package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleWarningsTest {

    @TempDir
    Path dir;

    @Test
    void aRuleOnAClassTheAgentNeedsIsNamedWithItsPackage() throws Exception {
        List<String> warnings = warnings("class.name = 'java.lang.String'\nmethod.name = '*'");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("rule 'r' ("), warnings.get(0));
        assertTrue(warnings.get(0).contains(":1) class.name \"java.lang.String\" names a class the agent never instruments"), warnings.get(0));
        assertTrue(warnings.get(0).contains("java.lang.**"), warnings.get(0));
    }

    @Test
    void aRuleThatCanSelectEveryMethodOfEveryClassIsExplained() throws Exception {
        List<String> warnings = warnings("class.name = '**'\nmethod.name = '*'");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("can select every method of every class"), warnings.get(0));
        assertTrue(warnings.get(0).contains("have no fixed part, and no class.supertype or annotation narrows them"), warnings.get(0));
        assertTrue(warnings.get(0).contains("at most " + RuleLimits.METHODS_PER_RULE + " per rule"), warnings.get(0));
        assertEquals(1, warnings("class.name = '**'").size(), "method.name defaults to every method");
        assertEquals(1, warnings("class.name = '**.*'\nmethod.name = '*'\nmethod.parameter_count = 0\nmethod.public = true").size());
    }

    @Test
    void anythingThatNarrowsARuleSilencesIt() throws Exception {
        assertEquals(List.of(), warnings("class.name = 'org.example.**'\nmethod.name = '*'"));
        assertEquals(List.of(), warnings("class.name = '**'\nmethod.name = 'execute'"));
        assertEquals(List.of(), warnings("class.name = '**'\nmethod.name = 'get*'"));
        assertEquals(List.of(), warnings("class.name = '**Command'"));
        assertEquals(List.of(), warnings("class.name = '**'\nclass.supertype = 'org.example.node.command.Command'"));
        assertEquals(List.of(), warnings("class.supertype = 'org.example.node.command.Command'"));
        assertEquals(List.of(), warnings("class.annotation = 'com.example.Traced'"));
        assertEquals(List.of(), warnings("class.name = '**'\nmethod.annotation = 'com.example.Traced'"));
        assertEquals(List.of(), warnings("class.name = '**'\nmethod.parameters = ['java.lang.String']"));
        assertEquals(List.of(), warnings("class.name = 'java.util.zip.CRC32'"));
        assertEquals(List.of(), warnings("class.supertype = 'java.util.concurrent.Executor'\nmethod.name = 'execute'"));
    }

    @Test
    void aPrepareRuleThatNamesNoSqlIsPointedOut() throws Exception {
        String rule = "[[rule]]\nname = 'p'\nkind = 'prepare'\nclass.name = 'com.example.Db'\nmethod.name = 'prepare'\n";
        List<String> warnings = RuleWarnings.of(TestConfigs.load(dir, rule).rules());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("rule 'p' (") && warnings.get(0).contains("gives no values.sql, so it remembers nothing"),
                warnings.get(0));
        assertEquals(List.of(), RuleWarnings.of(TestConfigs.load(dir, rule + "values.sql = '$arg0'\n").rules()));
    }

    private List<String> warnings(String selectors) throws Exception {
        return RuleWarnings.of(TestConfigs.load(dir, "[[rule]]\nname = 'r'\nkind = 'command'\n" + selectors + "\n").rules());
    }
}
