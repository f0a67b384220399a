package io.nodescope.agent.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every TOML example of docs/rules.md loads, and each rule on the sample node's classes selects something. */
class RulesDocTest {

    private static final Pattern TOML_BLOCK = Pattern.compile("```toml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INCLUDED = Pattern.compile("\"([^\"]+\\.toml)\"");

    @TempDir
    Path dir;

    @Test
    void everyExampleLoadsAndSelectsSampleNodeMethods() throws Exception {
        String doc = Files.readString(Path.of("../docs/rules.md"));
        Path sampleNode = Path.of(System.getProperty("nodescope.sample.jar", "../sample-node/target/sample-node.jar"));
        List<String> examples = new ArrayList<>();
        for (Matcher block = TOML_BLOCK.matcher(doc); block.find();) {
            examples.add(block.group(1));
        }
        assertTrue(examples.size() >= 7, "the doc has its examples: " + examples.size());
        int checkedRules = 0;
        for (int i = 0; i < examples.size(); i++) {
            Path file = writeWithIncludes(examples.get(i), dir.resolve("example-" + i));
            AgentConfig config = ConfigLoader.load(file, Map.of());
            for (Map.Entry<Rule, List<String>> selected : RuleExplainer.explain(config.rules(), sampleNode).entrySet()) {
                if (namesSampleNode(selected.getKey())) {
                    assertFalse(selected.getValue().isEmpty(), "example " + (i + 1) + " rule " + selected.getKey() + " selects nothing");
                    checkedRules++;
                }
            }
        }
        assertTrue(checkedRules >= 7, "rules checked against the sample node: " + checkedRules);
    }

    @Test
    void theJdbcPackSelectsTheDriversPublicStatementMethodsAndNoneOfTheJdksOwn() throws Exception {
        Path file = dir.resolve("jdbc.toml");
        Files.writeString(file, "include = ['nodescope:jdbc']\n");
        Path sampleNode = Path.of(System.getProperty("nodescope.sample.jar", "../sample-node/target/sample-node.jar"));
        Map<String, List<String>> selected = new java.util.LinkedHashMap<>();
        RuleExplainer.explain(ConfigLoader.load(file, Map.of()).rules(), sampleNode).forEach((rule, methods) -> selected.put(rule.name(), methods));
        assertTrue(selected.get("jdbc-prepare").contains("org.h2.jdbc.JdbcConnection.prepareStatement(java.lang.String)"), selected.toString());
        assertTrue(selected.get("jdbc-execute").contains("org.h2.jdbc.JdbcPreparedStatement.executeQuery()"), selected.toString());
        assertTrue(selected.get("jdbc-execute-sql").contains("org.h2.jdbc.JdbcStatement.executeUpdate(java.lang.String)"), selected.toString());
        assertTrue(selected.get("jdbc-execute-sql-keys").contains("org.h2.jdbc.JdbcStatement.execute(java.lang.String, int)"),
                selected.toString());
        selected.values().forEach(methods -> assertTrue(methods.stream().noneMatch(method -> method.contains("Internal")
                || method.startsWith("java.")), "no driver internals, no JDK interface's default method: " + methods));
    }

    @Test
    void theRdf4jPackSelectsEachQueryTypeInTheStore() throws Exception {
        Path file = dir.resolve("rdf4j.toml");
        Files.writeString(file, "include = ['nodescope:rdf4j']\n");
        Path sampleNode = Path.of(System.getProperty("nodescope.sample.jar", "../sample-node/target/sample-node.jar"));
        Map<Rule, List<String>> selected = RuleExplainer.explain(ConfigLoader.load(file, Map.of()).rules(), sampleNode);
        assertEquals(4, selected.size());
        selected.forEach((rule, methods) -> assertTrue(methods.stream().anyMatch(method -> method.startsWith("org.eclipse.rdf4j.")
                && method.endsWith("()")), rule + " selects " + methods));
    }

    @Test
    void theJenaPackSelectsTheQueryExecutionsEveryEntryPointReaches() throws Exception {
        Path file = dir.resolve("jena.toml");
        Files.writeString(file, "include = ['nodescope:jena']\n");
        Path arq = Path.of(org.apache.jena.sparql.exec.QueryExec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> selected = new java.util.HashMap<>();
        RuleExplainer.explain(ConfigLoader.load(file, Map.of()).rules(), arq).forEach((rule, methods) -> selected.put(rule.name(), methods));
        assertTrue(selected.get("jena-select").contains("org.apache.jena.sparql.exec.QueryExecDataset.select()"), selected.toString());
        assertTrue(selected.get("jena-ask").contains("org.apache.jena.sparql.exec.QueryExecDataset.ask()"), selected.toString());
        assertTrue(selected.get("jena-construct").contains("org.apache.jena.sparql.exec.QueryExecDataset.construct(org.apache.jena.graph.Graph)"),
                selected.toString());
        assertTrue(selected.get("jena-construct-iterators").contains("org.apache.jena.sparql.exec.QueryExecDataset.constructTriples()"),
                selected.toString());
        assertTrue(selected.get("jena-describe").contains("org.apache.jena.sparql.exec.QueryExecDataset.describe(org.apache.jena.graph.Graph)"),
                selected.toString());
        assertTrue(selected.get("jena-update").contains("org.apache.jena.sparql.modify.UpdateProcessorBase.execute()"), selected.toString());
        assertTrue(selected.get("jena-construct").stream().noneMatch(method -> method.contains("constructTriples")), selected.toString());
    }

    private static boolean namesSampleNode(Rule rule) {
        String selectors = rule.classes().name().map(Object::toString).orElse("") + rule.classes().supertype().orElse("");
        return selectors.startsWith("org.example.node");
    }

    /** The example as a file, with the files it includes present and empty. */
    private static Path writeWithIncludes(String example, Path folder) throws Exception {
        Files.createDirectories(folder);
        if (example.contains("include")) {
            for (Matcher included = INCLUDED.matcher(example); included.find();) {
                Path file = folder.resolve(included.group(1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, "");
            }
        }
        Path file = folder.resolve("nodescope.toml");
        Files.writeString(file, example);
        return file;
    }
}
