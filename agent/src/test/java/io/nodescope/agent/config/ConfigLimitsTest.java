package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config input is bounded (size, nesting, rules, includes, problems shown) and every limit names where it was hit. */
class ConfigLimitsTest {

    private static final String RULE = "[[rule]]\nname = 'commands'\nkind = 'command'\nclass.supertype = 'org.example.Command'\n";

    @TempDir
    Path dir;

    @Test
    void anIncludeOfDevZeroIsRefusedAtOnceAtTheIncludeEntry() throws IOException {
        Path config = write("main.toml", "# rules\n\n\n\ninclude = [\n  'rules.toml',\n  '/dev/zero',\n]\n" + RULE);
        write("rules.toml", "");
        ConfigProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> onlyProblem(config));
        assertEquals(config.toString(), problem.source());
        assertEquals("7:3", problem.line() + ":" + problem.column());
        assertEquals("include", problem.key());
        assertTrue(problem.message().contains("/dev/zero") && problem.message().contains("not a regular file"), problem.message());
    }

    @Test
    void aMissingOrDirectoryIncludeIsLocatedAtItsEntry() throws IOException {
        Files.createDirectories(dir.resolve("rules.d"));
        Path config = write("main.toml", "# rules\ninclude = ['absent.toml',\n           'rules.d']\n");
        List<ConfigProblem> problems = problems(config);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("2:12 include", problems.get(0).line() + ":" + problems.get(0).column() + " " + problems.get(0).key());
        assertTrue(problems.get(0).message().contains("absent.toml") && problems.get(0).message().contains("no such file"),
                problems.get(0).message());
        assertEquals("3:12", problems.get(1).line() + ":" + problems.get(1).column());
        assertTrue(problems.get(1).message().contains("is a directory"), problems.get(1).message());
        assertTrue(problems.get(1).message().contains("name a .toml file"), problems.get(1).message());
    }

    @Test
    void aFifoIncludeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("pipe.toml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path config = write("main.toml", "include = 'pipe.toml'\n");
        ConfigProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> onlyProblem(config));
        assertEquals("1:1", problem.line() + ":" + problem.column());
        assertTrue(problem.message().contains("not a regular file"), problem.message());
        ConfigProblem asMain = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> onlyProblem(fifo));
        assertTrue(asMain.message().contains("not a regular file"), asMain.message());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.toml");
        Files.write(big, new byte[ConfigLoader.MAX_FILE_BYTES + 1]);
        ConfigProblem main = onlyProblem(big);
        assertEquals(0, main.line());
        assertTrue(main.message().contains("larger than 1 MiB"), main.message());
        Path config = write("main.toml", "\ninclude = 'big.toml'\n");
        ConfigProblem included = onlyProblem(config);
        assertEquals("2:1 include", included.line() + ":" + included.column() + " " + included.key());
        assertTrue(included.message().contains("big.toml") && included.message().contains("larger than 1 MiB"), included.message());
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws Exception {
        String comment = "#".repeat(ConfigLoader.MAX_FILE_BYTES - RULE.length() - 1) + "\n";
        Path config = write("limit.toml", comment + RULE);
        assertEquals(ConfigLoader.MAX_FILE_BYTES, Files.size(config));
        assertEquals(1, ConfigLoader.load(config, Map.of()).rules().size());
    }

    @Test
    void deepNestingIsAPositionedSyntaxError() throws IOException {
        Path config = write("deep.toml", "[telemetry.traces]\nresource_attributes = " + "[".repeat(100_000) + "\n");
        ConfigProblem problem = onlyProblem(config);
        assertEquals(2, problem.line());
        assertTrue(problem.message().contains("nested more than 32 deep"), problem.message());
    }

    @Test
    void moreRulesThanTheLimitAreOneProblemAtTheFirstRuleTooMany() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ConfigLoader.MAX_RULES + 5; i++) {
            text.append("[[rule]]\nname = 'r").append(i).append("'\nkind = 'command'\nclass.name = 'org.example.C").append(i).append("'\n");
        }
        Path config = write("many.toml", text.toString());
        ConfigProblem problem = onlyProblem(config);
        assertEquals(4 * ConfigLoader.MAX_RULES + 1, problem.line());
        assertEquals("rule[" + (ConfigLoader.MAX_RULES + 1) + "]", problem.key());
        assertTrue(problem.message().contains("more than " + ConfigLoader.MAX_RULES + " rules"), problem.message());
    }

    @Test
    void moreIncludedFilesThanTheLimitIsAProblemAtTheIncludeTooMany() throws IOException {
        StringBuilder include = new StringBuilder("include = [\n");
        for (int i = 0; i <= ConfigLoader.MAX_INCLUDES; i++) {
            write("r" + i + ".toml", "");
            include.append("  'r").append(i).append(".toml',\n");
        }
        Path config = write("main.toml", include.append("]\n").toString());
        ConfigProblem problem = onlyProblem(config);
        assertEquals(ConfigLoader.MAX_INCLUDES + 2, problem.line());
        assertTrue(problem.message().contains("more than " + ConfigLoader.MAX_INCLUDES + " included files"), problem.message());
    }

    @Test
    void onlyTheFirstProblemsAreKeptAndTheRestCounted() throws IOException {
        StringBuilder text = new StringBuilder("[telemetry.traces]\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("unknown_").append(i).append(" = 1\n");
        }
        Path config = write("noisy.toml", text.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config, Map.of()));
        assertEquals(ConfigException.MAX_PROBLEMS_SHOWN, e.problems().size());
        assertEquals(50_000, e.problemCount());
        assertTrue(e.getMessage().endsWith("and " + (50_000 - ConfigException.MAX_PROBLEMS_SHOWN) + " more problems"), e.getMessage());
        assertEquals(ConfigException.MAX_PROBLEMS_SHOWN + 1, e.getMessage().split("\n").length);
    }

    @Test
    void anIncludedFileThatIsNotTomlIsNotQuoted() throws IOException {
        write("shadow", "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n");
        Path config = write("main.toml", "include = 'shadow'\n");
        ConfigProblem problem = onlyProblem(config);
        assertEquals(dir.resolve("shadow").toString(), problem.source());
        assertEquals("1:5", problem.line() + ":" + problem.column());
        assertFalse(problem.toString().contains("root"), problem.toString());
        assertFalse(problem.message().contains("$"), problem.toString());
        assertTrue(problem.message().contains("not TOML"), problem.message());
    }

    @Test
    void invalidUtf8IsLocated() throws IOException {
        Path config = dir.resolve("latin1.toml");
        Files.write(config, "[telemetry.traces]\nservice_name = 'n\u00e9ud'\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigProblem problem = onlyProblem(config);
        assertEquals("2:18", problem.line() + ":" + problem.column());
        assertTrue(problem.message().contains("not UTF-8"), problem.message());
    }

    @Test
    void aSampleRatioMustBeAFiniteNumberFromZeroToOne() throws IOException {
        for (String ratio : new String[] {"nan", "+nan", "inf", "-inf", "1.5", "-0.1"}) {
            Path config = write("ratio.toml", "[telemetry.traces]\n  sample_ratio = " + ratio + "\n");
            ConfigProblem problem = onlyProblem(config);
            assertEquals("2:3 telemetry.traces.sample_ratio", problem.line() + ":" + problem.column() + " " + problem.key(), ratio);
            assertTrue(problem.message().contains("between 0.0 and 1.0"), problem.message());
        }
    }

    @Test
    void classAndMethodNamesMustBeJavaNamesOrGlobs() throws IOException {
        String[][] cases = {
            {"class.name = ''", "rule[1].class.name", "empty"},
            {"class.name = 'org.[example'", "rule[1].class.name", "'['"},
            {"class.name = 'org.example.My Command'", "rule[1].class.name", "' '"},
            {"class.name = 'org..example'", "rule[1].class.name", "empty segment"},
            {"class.name = 'org.example.'", "rule[1].class.name", "empty segment"},
            {"class.name = 'org.***.Command'", "rule[1].class.name", "***"},
            {"class.name = 'org.1example.C'", "rule[1].class.name", "'1'"},
            {"class.supertype = 'org.example.*Command'", "rule[1].class.supertype", "exact"},
            {"class.annotation = 'org.example.Traced('", "rule[1].class.annotation", "'('"},
            {"class.name = 'a.B'\nmethod.name = '***'", "rule[1].method.name", "***"},
            {"class.name = 'a.B'\nmethod.name = 'run**'", "rule[1].method.name", "** means nothing in a method name"},
            {"class.name = 'a.B'\nmethod.name = 'a.run'", "rule[1].method.name", "'.'"},
            {"class.name = 'a.B'\nmethod.name = ''", "rule[1].method.name", "empty"},
            {"class.name = 'a.B'\nmethod.parameters = ['java.lang.String[', 'int']", "rule[1].method.parameters", "java.lang.String["},
            {"class.name = 'a.B'\nexclude.classes = ['a..C']", "rule[1].exclude.classes", "empty segment"},
            {"class.name = 'a.B'\nexclude.methods = ['to String']", "rule[1].exclude.methods", "' '"},
        };
        for (String[] c : cases) {
            Path config = write("names.toml", "[[rule]]\nname = 'r'\nkind = 'command'\n" + c[0] + "\n");
            ConfigProblem problem = onlyProblem(config);
            assertEquals(c[1], problem.key(), c[0]);
            assertTrue(problem.line() >= 4, c[0] + ": " + problem);
            assertTrue(problem.message().contains(c[2]), c[0] + ": " + problem.message());
        }
    }

    @Test
    void validNamesAndGlobsStayAccepted() throws Exception {
        Path config = write("ok.toml", String.join("\n",
                "[[rule]]", "name = 'a'", "kind = 'command'", "class.name = 'org.example.**Task'", "method.name = 'run*'",
                "exclude.classes = ['org.example.Outer$Inner', 'org.**.Cleanup?']", "exclude.methods = ['hash*', 'toString']",
                "[[rule]]", "name = 'b'", "kind = 'command'", "class.name = '**'", "method.name = '*'",
                "[[rule]]", "name = 'c'", "kind = 'command'", "class.name = 'Top'", "method.parameters = ['byte[][]', 'int', 'java.util.Map$Entry']",
                "[[rule]]", "name = 'd'", "kind = 'command'", "class.supertype = 'org.example.Command'", "class.annotation = 'org.example.Traced'",
                "method.annotation = 'org.example.Timed'", "method.name = '\u00e9crire'",
                ""));
        assertEquals(4, ConfigLoader.load(config, Map.of()).rules().size());
    }

    @Test
    void aValueUsedAsANumberCannotBeAConstantThatIsNotOne() throws IOException {
        String[][] cases = {
            {"sync_stage", "queue_depth", "lots", "not a number"},
            {"sync_stage", "processed", "nan", "not a number"},
            {"task", "next_delay", "5 seconds", "not a number"},
            {"sync_stage", "queue_depth", "$method", "a name, not a number"},
            {"task", "next_delay", "$class", "a name, not a number"},
        };
        for (String[] c : cases) {
            Path config = write("numbers.toml", "[[rule]]\nname = 'r'\nkind = '" + c[0] + "'\nclass.name = 'a.B'\nvalues." + c[1] + " = '" + c[2] + "'\n");
            ConfigProblem problem = onlyProblem(config);
            assertEquals("5:1 rule[1].values." + c[1], problem.line() + ":" + problem.column() + " " + problem.key(), c[2]);
            assertTrue(problem.message().contains(c[3]), problem.message());
        }
        Path ok = write("numbers.toml", "[[rule]]\nname = 'r'\nkind = 'sync_stage'\nclass.name = 'a.B'\nvalues.queue_depth = '12'\n"
                + "values.processed = '$return.count()'\nvalues.result = 'inserted'\n");
        try {
            assertEquals(1, ConfigLoader.load(ok, Map.of()).rules().size());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<ConfigProblem> problems(Path config) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(config, Map.of())).problems();
    }

    private static ConfigProblem onlyProblem(Path config) {
        List<ConfigProblem> problems = problems(config);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }
}
