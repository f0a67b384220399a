package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.RuleValue.TextCase;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule value written as one expression, as alternatives tried in order, or as a table that also sets the case. */
class ValuesReaderTest {

    private static final String COMMAND = "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\n";
    private static final String STAGE = "[[rule]]\nname = 's'\nkind = 'sync_stage'\nclass.name = 'a.B'\nvalues.stage = 'x'\n";

    @TempDir
    Path dir;

    @Test
    void aStringIsOneExpressionAsRead() throws Exception {
        RuleValue value = command("values.command = '$arg0.type'");
        assertEquals(List.of("$arg0.type"), texts(value));
        assertEquals(TextCase.AS_READ, value.textCase());
    }

    @Test
    void anArrayGivesAlternativesInOrder() throws Exception {
        RuleValue value = command("values.command = ['$arg0.command', '$this.name()', '$class']");
        assertEquals(List.of("$arg0.command", "$this.name()", "$class"), texts(value));
    }

    @Test
    void aTableGivesTheExpressionsAndTheCase() throws Exception {
        RuleValue lower = command("values.command = { from = ['$arg0.type', 'unnamed'], case = 'lower' }");
        assertEquals(List.of("$arg0.type", "unnamed"), texts(lower));
        assertEquals(TextCase.LOWER, lower.textCase());
        RuleValue upper = command("values.command.from = '$arg0.type'\nvalues.command.case = 'upper'");
        assertEquals(List.of("$arg0.type"), texts(upper));
        assertEquals(TextCase.UPPER, upper.textCase());
    }

    @Test
    void aSpanAttributeTakesAlternativesToo() throws Exception {
        AgentConfig config = TestConfigs.load(dir, COMMAND + "values.operation_id = ['$arg0.id', '$arg1.id']\n");
        assertEquals(List.of("$arg0.id", "$arg1.id"), texts(config.rules().get(0).values().get("operation_id")));
    }

    @Test
    void mistakesAreNamedWhereTheyAre() {
        assertProblem(COMMAND + "values.command = { from = '$arg0.type', case = 'title' }", "rule[1].values.command.case",
                "expected \"lower\" or \"upper\", found \"title\"");
        assertProblem(COMMAND + "values.command = { case = 'lower' }", "rule[1].values.command", "give the expression to read as from");
        assertProblem(COMMAND + "values.command = { from = '$arg0', cases = 'lower' }", "rule[1].values.command.cases", "unknown key");
        assertProblem(COMMAND + "values.command = []", "rule[1].values.command", "give at least one expression");
        assertProblem(COMMAND + "values.command = ['$class', '$arg0.type']", "rule[1].values.command",
                "'$arg0.type' is never tried: '$class' before it always gives a value; put that one last");
        assertProblem(COMMAND + "values.command = ['$arg0.type', '$nope']", "rule[1].values.command", "unknown root $nope");
        assertProblem(COMMAND + "values.command = ['$arg0.type', 3]", "rule[1].values.command", "expected strings only");
    }

    @Test
    void aValueRecordedAsANumberTakesOneExpression() {
        assertProblem(STAGE + "values.queue_depth = ['$this.queue', '$this.backlog']", "rule[1].values.queue_depth",
                "is recorded as a number: give one expression, without alternatives or case");
        assertProblem(STAGE + "values.queue_depth = { from = '$this.queue', case = 'lower' }", "rule[1].values.queue_depth",
                "is recorded as a number");
    }

    @Test
    void theProblemPointsAtTheAlternative() {
        ConfigProblem problem = problem(COMMAND + "values.command = [\n  '$arg0.type',\n  '$nope',\n]", "rule[1].values.command");
        assertEquals(7, problem.line(), problem.toString());
    }

    private RuleValue command(String values) throws Exception {
        return TestConfigs.load(dir, COMMAND + values + "\n").rules().get(0).values().get("command");
    }

    private static List<String> texts(RuleValue value) {
        return value.alternatives().stream().map(ValueExpression::text).collect(Collectors.toList());
    }

    private void assertProblem(String toml, String key, String message) {
        ConfigProblem problem = problem(toml, key);
        assertTrue(problem.message().contains(message), problem.toString());
    }

    private ConfigProblem problem(String toml, String key) {
        List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> TestConfigs.load(dir, toml)).problems();
        return problems.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + problems));
    }
}
