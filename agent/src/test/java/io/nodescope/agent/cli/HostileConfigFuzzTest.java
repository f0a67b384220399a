package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.NodescopeAgent;
import io.nodescope.agent.config.ConfigException;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.OffSwitch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of invalid or hostile configs, generated from a fixed seed across categories (syntax,
 * types, ranges, globs, value paths, includes, sizes, encodings). For each, {@code validate}
 * (through the command line's own entry) exits 1 with a message that says where (file:line:column,
 * or the file alone where there is no position: a config file that cannot be read at all) and no
 * stack trace; and the agent's start with it (through {@code agentmain}, which, unlike {@code premain},
 * waits for the start on the agent's thread) returns normally after printing exactly one error block, and stays off (or, when the config turns no
 * signal on, after its one stays-off line: it reads no rules then).
 */
class HostileConfigFuzzTest {

    private static final long SEED = 10L;
    private static final Instrumentation INSTRUMENTATION = ByteBuddyAgent.install();
    private static final String BASE = String.join("\n",
            "[telemetry.traces]",
            "service_name = 'node'",
            "[telemetry.metrics]",
            "bind_address = '127.0.0.1:9464'",
            "[[rule]]",
            "name = 'commands'",
            "kind = 'command'",
            "class.supertype = 'org.example.Command'",
            "method.name = 'execute'",
            "values.command = '$this.name()'",
            "");
    private static final Pattern STACK_TRACE = Pattern.compile("\tat |Exception in thread|^\\s+at [\\w.$]+\\(", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** One hostile config: its main file, and whether its problems have a line (all but an unreadable config file). */
    private static final class Case {
        final String category;
        final String name;
        final Path file;
        final boolean located;

        Case(String category, String name, Path file, boolean located) {
            this.category = category;
            this.name = name;
            this.file = file;
            this.located = located;
        }

        @Override
        public String toString() {
            return category + "/" + name + " (" + file + ")";
        }
    }

    private final List<Case> cases = new ArrayList<>();
    private int counter;

    @Test
    void everyHostileConfigIsRejectedCleanlyAndLeavesTheAgentOff() throws Exception {
        generate();
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        cases.forEach(c -> perCategory.merge(c.category, 1, Integer::sum));
        assertTrue(cases.size() >= 200, cases.size() + " cases: " + perCategory);
        assertEquals(List.of("syntax", "types", "ranges", "globs", "value paths", "includes", "sizes", "encodings"),
                List.copyOf(perCategory.keySet()));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            try {
                checkValidate(c);
                checkAgentStart(c);
            } catch (AssertionError e) {
                failures.add(c + ": " + e.getMessage());
            }
        }
        System.out.println("hostile configs: " + cases.size() + " " + perCategory);
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases failed");
    }

    private void checkValidate(Case c) {
        CliRun run = CliRun.in(dir, "validate", c.file.toString());
        assertEquals(1, run.exitCode, "validate exit code\n" + run);
        assertFalse(STACK_TRACE.matcher(run.err + run.out).find(), "a stack trace\n" + run);
        assertFalse(run.out.contains("valid"), run.toString());
        assertTrue(run.err.chars().allMatch(ch -> ch >= 0x20 && (ch < 0x7F || ch > 0x9F) || ch == '\n' || ch == '\t'),
                "no control characters from the file\n" + run);
        assertTrue(run.err.length() < 64 * 1024, "bounded output: " + run.err.length() + " characters");
        List<String> lines = run.err.lines().collect(java.util.stream.Collectors.toList());
        assertTrue(lines.size() >= 2 && lines.size() <= ConfigException.MAX_PROBLEMS_SHOWN + 2, "problem lines, then the summary\n" + run);
        assertTrue(lines.get(lines.size() - 1).startsWith(c.file + ": invalid, "), run.toString());
        String first = lines.get(0);
        if (c.located) {
            assertTrue(first.matches("/\\S.*:\\d+:\\d+: .+"), "file:line:column first\n" + run);
            assertFalse(first.contains(":0:0:"), run.toString());
        } else {
            assertTrue(first.startsWith(c.file + ": "), "the file first\n" + run);
        }
    }

    private static void checkAgentStart(Case c) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            NodescopeAgent.agentmain("config=" + c.file, INSTRUMENTATION);
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertFalse(STACK_TRACE.matcher(err).find(), "a stack trace from the agent\n" + err);
        List<String> agentLines = err.lines().filter(line -> line.startsWith("[nodescope]")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, agentLines.size(), "one line from the agent\n" + err);
        if (agentLines.get(0).endsWith("are all disabled in " + c.file + "; the agent stays off")) {
            // With no signal on the agent reads no rules at its start; validate has reported them. A config whose
            // lines turn every signal off plainly is not read further, so its telemetry may be invalid too.
            try {
                assertFalse(ConfigLoader.decideStart(c.file).anySignalEnabled(), err);
            } catch (ConfigException e) {
                assertTrue(OffSwitch.allOff(c.file), "stayed off as disabled, but the config's telemetry is invalid: " + e.getMessage());
            }
        } else {
            assertTrue(agentLines.get(0).startsWith("[nodescope] ERROR: the config is invalid, the agent stays off"), err);
        }
        assertTrue(err.lines().count() <= ConfigException.MAX_PROBLEMS_SHOWN + 2, "bounded output\n" + err);
    }

    private void generate() throws IOException {
        Random random = new Random(SEED);
        syntax(random);
        types();
        ranges();
        globs();
        valuePaths();
        includes();
        sizes();
        encodings(random);
    }

    private void syntax(Random random) throws IOException {
        String[] broken = {
            "[telemetry.traces", "[[rule]\nname = 'x'", "[telemetry.traces]\nservice_name = 'open", "[telemetry.traces]\nservice_name",
            "[telemetry.traces]\n= 'x'", "[telemetry.traces]\nservice_name = 'a' 'b'", "[telemetry.traces]\nenabled = true\nenabled = false",
            "[telemetry.traces]\n[telemetry.traces]", "[telemetry.traces]\nservice_name = \"bad \\q\"", "[telemetry]\ntraces = { enabled = true,\n}",
            "[telemetry.traces]\nresource_attributes = { a = 'b', }", "include = ['a.toml'", "include = ['a.toml' 'b.toml']",
            "[telemetry.traces]\nsample_ratio = 0.", "[telemetry.traces]\nsample_ratio = .5", "[telemetry.metrics]\nseries_limit = 1__000",
            "[telemetry.metrics]\nseries_limit = 0x", "[telemetry.traces]\nservice_name = '''open", "[telemetry.traces]\nservice_name = \"\"\"open",
            "[[rule]]\nname = 'a'\n[rule]", "rule = []\n[[rule]]", "[telemetry.traces]\nenabled = TRUE", "[telemetry.traces]\nenabled = yes",
            "[ telemetry . ]", "[.telemetry]", "a..b = 1", "[telemetry.traces]\nservice_name = 'x' # ok\nservice_name = 'y'",
            "[telemetry.traces]\nstarted = 07:32", "[telemetry.traces]\nstarted = 1979-02-30", "[telemetry.traces]\nkey\u00e9 = 1",
        };
        for (String text : broken) {
            add("syntax", "broken", text);
        }
        // The base config with one character deleted, inserted or doubled: keep the mutants the loader rejects.
        String inserted = "\"'[]{}=.,#\n\\:$*";
        int kept = 0;
        while (kept < 40) {
            int at = random.nextInt(BASE.length());
            String mutant;
            switch (random.nextInt(3)) {
                case 0:
                    mutant = BASE.substring(0, at) + BASE.substring(at + 1);
                    break;
                case 1:
                    mutant = BASE.substring(0, at) + inserted.charAt(random.nextInt(inserted.length())) + BASE.substring(at);
                    break;
                default:
                    mutant = BASE.substring(0, at) + BASE.charAt(at) + BASE.substring(at);
            }
            Path file = write(mutant);
            try {
                ConfigLoader.load(file, Map.of());
                Files.delete(file);
            } catch (ConfigException e) {
                cases.add(new Case("syntax", "mutant", file, true));
                kept++;
            }
        }
    }

    private void types() throws IOException {
        String[][] wrong = {
            {"[telemetry.traces]", "enabled = 'yes'"}, {"[telemetry.traces]", "enabled = 1"}, {"[telemetry.traces]", "otlp_endpoint = 4317"},
            {"[telemetry.traces]", "protocol = ['grpc']"}, {"[telemetry.traces]", "service_name = 42"}, {"[telemetry.traces]", "sample_ratio = '1.0'"},
            {"[telemetry.traces]", "sample_ratio = true"}, {"[telemetry.traces]", "resource_attributes = 'a=b'"},
            {"[telemetry.traces]", "resource_attributes = { a = 1 }"}, {"[telemetry.traces]", "drop_attributes = { ual = true }"},
            {"[telemetry.traces]", "hash_attributes = [1]"}, {"[telemetry.metrics]", "enabled = 'no'"},
            {"[telemetry.metrics]", "bind_address = 9464"}, {"[telemetry.metrics]", "series_limit = '1000'"},
            {"[telemetry.metrics]", "series_limit = 1.5"}, {"[telemetry.metrics]", "runtime = 'off'"}, {"[telemetry.metrics]", "buckets = [1, 2]"},
            {"[telemetry.metrics]", "basic_auth = 'user:pass'"}, {"[telemetry.metrics]", "tls = true"}, {"", "telemetry = 1"},
            {"", "include = 5"}, {"", "include = [1, 2]"}, {"", "rule = 'x'"}, {"", "rule = [1]"}, {"[telemetry]", "traces = 1"},
            {"[[rule]]", "name = 1\nkind = 'command'\nclass.name = 'a.B'"}, {"[[rule]]", "name = 'r'\nkind = ['command']\nclass.name = 'a.B'"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass = 'a.B'"}, {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = ['a.B']"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod = 'run'"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod.parameter_count = 'two'"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod.static = 'yes'"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nvalues = 1"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nvalues.command = 1"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nenabled = 'false'"},
            {"[[rule]]", "name = 'r'\nkind = 'command'\nclass.name = 'a.B'\nexclude.methods = 'run'\nexclude = 1"},
        };
        for (String[] c : wrong) {
            add("types", c[1], c[0] + "\n" + c[1] + "\n");
        }
    }

    private void ranges() throws IOException {
        String[] ratios = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "1.0000001", "-0.1", "1e300", "-1e-300", "2"};
        for (String ratio : ratios) {
            add("ranges", "sample_ratio " + ratio, "[telemetry.traces]\nsample_ratio = " + ratio + "\n");
        }
        String[] limits = {"0", "-1", "100001", "9223372036854775807", "-9223372036854775808"};
        for (String limit : limits) {
            add("ranges", "series_limit " + limit, "[telemetry.metrics]\nseries_limit = " + limit + "\n");
        }
        String[] addresses = {"'127.0.0.1:99999'", "'127.0.0.1:-1'", "'127.0.0.1'", "':9464'", "'example.org:9464'", "''", "'[::1]:x'"};
        for (String address : addresses) {
            add("ranges", "bind_address " + address, "[telemetry.metrics]\nbind_address = " + address + "\n");
        }
        String[] endpoints = {"'collector:4317'", "'ftp://x:21'", "''", "'http://'", "'http://[::1'"};
        for (String endpoint : endpoints) {
            add("ranges", "otlp_endpoint " + endpoint, "[telemetry.traces]\notlp_endpoint = " + endpoint + "\n");
        }
        add("ranges", "parameter_count -1", "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod.parameter_count = -1\n");
        add("ranges", "protocol", "[telemetry.traces]\nprotocol = 'thrift'\n");
        // Off plainly: the agent stays off on the lines alone; validate still reports the ratio.
        add("ranges", "sample_ratio nan, traces off", "[telemetry.traces]\nenabled = false\nsample_ratio = nan\n");
        add("ranges", "kind", "[[rule]]\nname = 'r'\nkind = 'commnd'\nclass.name = 'a.B'\n");
    }

    private void globs() throws IOException {
        String[] classNames = {"''", "'org.[example'", "'org example.C'", "'org..C'", "'.org.C'", "'org.C.'", "'org.***.C'", "'****'",
            "'org.1abc.C'", "'org.exa-mple.C'", "'org/example/C'", "'org.example.C()'", "'org.example.C#run'", "'org.example.C;'",
            "'org.ex\\u0000ample.C'", "'org.ex\\tample.C'", "'" + "a".repeat(600) + "'"};
        for (String name : classNames) {
            add("globs", "class.name " + name, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = " + name + "\n");
        }
        String[] methodNames = {"''", "'***'", "'**'", "'run**'", "'a.run'", "'run()'", "'r un'", "'1run'", "'run-it'"};
        for (String name : methodNames) {
            add("globs", "method.name " + name, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod.name = " + name + "\n");
        }
        String[] exact = {"'org.example.*Command'", "'org.**'", "'org.example.Command?'", "''", "'org..Command'"};
        for (String name : exact) {
            add("globs", "class.supertype " + name, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.supertype = " + name + "\n");
            add("globs", "class.annotation " + name, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.annotation = " + name + "\n");
        }
        String[] parameters = {"['java.lang.String[']", "['int', '']", "['java..String']", "['int[', 'long']", "['*']"};
        for (String list : parameters) {
            add("globs", "method.parameters " + list, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nmethod.parameters = " + list + "\n");
        }
        add("globs", "exclude.classes", "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.*'\nexclude.classes = ['a..B']\n");
        add("globs", "exclude.methods", "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nexclude.methods = ['to String']\n");
    }

    private void valuePaths() throws IOException {
        String[] paths = {"$foo", "$arg", "$argx", "$arg1234", "$this..name", "$this.", "$this.na-me", "$this.name(x)", "$class.name",
            "$method.name", "$return.(", "$this.name()()", "$", "$this.1name", "$ARG0"};
        for (String path : paths) {
            add("value paths", path, "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nvalues.command = '" + path + "'\n");
        }
        String[][] numbers = {{"sync_stage", "queue_depth", "lots"}, {"sync_stage", "queue_depth", "$method"}, {"sync_stage", "processed", "nan"},
            {"sync_stage", "processed", "$class"}, {"task", "next_delay", "5 seconds"}, {"task", "next_delay", "inf"},
            {"task", "next_delay", "$this..x"}};
        for (String[] n : numbers) {
            add("value paths", n[1] + " " + n[2], "[[rule]]\nname = 'r'\nkind = '" + n[0] + "'\nclass.name = 'a.B'\nvalues." + n[1] + " = '" + n[2] + "'\n");
        }
        add("value paths", "unknown value key", "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nvalues.secret = '$arg0'\n");
        add("value paths", "label", "[[rule]]\nname = 'r'\nkind = 'command'\nclass.name = 'a.B'\nlabels = ['peer_id']\n");
    }

    private void includes() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("rules.d"));
        Files.write(dir.resolve("binary.toml"), new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, (byte) 0xFF, (byte) 0xFE});
        Files.writeString(dir.resolve("shadow"), "root:$6$salt$hash:19000:0:99999:7:::\nnode:!:19000::::::\n");
        Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(dir.resolve("telemetry.toml"), "[telemetry.metrics]\nenabled = true\n");
        Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\nset -e\nexec java -jar node.jar\n");
        Files.writeString(dir.resolve("properties"), "db.password=hunter2\ndb.user=node\n");
        Path fifo = dir.resolve("pipe.toml");
        try {
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        String[] names = {"absent.toml", "rules.d", sub.toString(), "/dev/zero", "/dev/null", "/dev/urandom", "/proc/self/status",
            "pipe.toml", "binary.toml", "shadow", "passwd", "telemetry.toml", "script.sh", "properties", "", "nodescope:nope", "nodescope:",
            "/", "."};
        for (String name : names) {
            add("includes", name, "include = '" + name + "'\n" + BASE);
        }
        // itself, a cycle, twice
        Path self = dir.resolve("self.toml");
        Files.writeString(self, "include = ['self.toml']\n");
        cases.add(new Case("includes", "itself", self, true));
        Path a = dir.resolve("cycle-a.toml");
        Files.writeString(a, "include = ['cycle-b.toml']\n");
        Files.writeString(dir.resolve("cycle-b.toml"), "include = ['cycle-a.toml']\n");
        cases.add(new Case("includes", "cycle", a, true));
        Files.writeString(dir.resolve("ok.toml"), "");
        add("includes", "twice", "include = ['ok.toml', 'ok.toml']\n");
        add("includes", "pack twice", "include = ['nodescope:jdbc', 'nodescope:jdbc']\n");
        // the config file itself is no config file: no line to point at
        cases.add(new Case("includes", "config absent", dir.resolve("no-such.toml"), false));
        cases.add(new Case("includes", "config is a directory", sub, false));
        cases.add(new Case("includes", "config is /dev/zero", Path.of("/dev/zero"), false));
        cases.add(new Case("includes", "config is a fifo", fifo, false));
        cases.add(new Case("includes", "config is binary", dir.resolve("binary.toml"), true));
        cases.add(new Case("includes", "config is a password file", dir.resolve("shadow"), true));
    }

    private void sizes() throws IOException {
        StringBuilder big = new StringBuilder();
        while (big.length() <= ConfigLoader.MAX_FILE_BYTES) {
            big.append("# padding padding padding padding padding padding padding padding\n");
        }
        Path large = write(big.toString());
        cases.add(new Case("sizes", "config over 1 MiB", large, false));
        Files.writeString(dir.resolve("large.toml"), big);
        add("sizes", "include over 1 MiB", "include = 'large.toml'\n");
        add("sizes", "33 nested arrays", "[telemetry.traces]\ndrop_attributes = " + "[".repeat(33) + "]".repeat(33) + "\n");
        add("sizes", "100k nested arrays", "[telemetry.traces]\ndrop_attributes = " + "[".repeat(100_000) + "\n");
        add("sizes", "100k nested inline tables", "[telemetry.traces]\nresource_attributes = " + "{ a = ".repeat(100_000) + "\n");
        add("sizes", "long number", "[telemetry.metrics]\nseries_limit = " + "1".repeat(100_000) + "\n");
        add("sizes", "long float", "[telemetry.traces]\nsample_ratio = 0." + "1_".repeat(50_000) + "1\n");
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i <= ConfigLoader.MAX_RULES; i++) {
            rules.append("[[rule]]\nname = 'r").append(i).append("'\nkind = 'command'\nclass.name = 'a.C").append(i).append("'\n");
        }
        add("sizes", "too many rules", rules.toString());
        StringBuilder unknown = new StringBuilder("[telemetry.traces]\n");
        for (int i = 0; i < 40_000; i++) {
            unknown.append("k").append(i).append(" = 1\n");
        }
        add("sizes", "40k unknown keys", unknown.toString());
        StringBuilder duplicates = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            duplicates.append("[[rule]]\nname = 'same'\nkind = 'command'\nclass.name = 'a.B'\n");
        }
        add("sizes", "5k duplicate rule names", duplicates.toString());
        StringBuilder includes = new StringBuilder("include = [\n");
        for (int i = 0; i <= ConfigLoader.MAX_INCLUDES; i++) {
            Files.writeString(dir.resolve("inc" + i + ".toml"), "");
            includes.append("'inc").append(i).append(".toml',\n");
        }
        add("sizes", "too many includes", includes.append("]\n").toString());
        add("sizes", "long key", "[telemetry.traces]\n" + "k".repeat(500_000) + " = 1\n");
        add("sizes", "long dotted key", "[telemetry.traces]\n" + "k.".repeat(100_000) + "k = 1\n");
        add("sizes", "long header", "[" + "t.".repeat(100_000) + "t]\n");
        add("sizes", "long string", "[telemetry.traces]\nservice_name = '" + "x".repeat(900_000) + "\n");
        add("sizes", "many arrays", "[telemetry.traces]\ndrop_attributes = [" + "[], ".repeat(100_000) + "]\n");
    }

    private void encodings(Random random) throws IOException {
        byte[] base = BASE.getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (int i = 0; i < 14; i++) {
            byte[] insert = bad[i % bad.length];
            int at = random.nextInt(base.length);
            addBytes("encodings", "invalid UTF-8 at " + at, concat(slice(base, 0, at), insert, slice(base, at, base.length)));
        }
        addBytes("encodings", "truncated at the end", concat(base, new byte[] {(byte) 0xE2, (byte) 0x82}));
        addBytes("encodings", "latin-1", "[telemetry.traces]\nservice_name = 'n\u00e9ud'\n".getBytes(StandardCharsets.ISO_8859_1));
        addBytes("encodings", "UTF-16LE with BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, BASE.getBytes(StandardCharsets.UTF_16LE)));
        addBytes("encodings", "UTF-16BE with BOM", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, BASE.getBytes(StandardCharsets.UTF_16BE)));
        addBytes("encodings", "UTF-16 without BOM", BASE.getBytes(StandardCharsets.UTF_16LE));
        add("encodings", "BOM twice", "\uFEFF\uFEFF" + BASE);
        add("encodings", "BOM inside", BASE.replace("[[rule]]", "\uFEFF[[rule]]"));
        add("encodings", "BOM in a key", "[telemetry.traces]\nservice\uFEFF_name = 'x'\n");
        add("encodings", "BOM then garbage", "\uFEFF\u0000\u0001\u0002");
        for (int i = 0; i < 10; i++) {
            int at = random.nextInt(BASE.length());
            add("encodings", "NUL at " + at, BASE.substring(0, at) + "\u0000" + BASE.substring(at));
        }
        add("encodings", "only NUL bytes", "\u0000".repeat(1000));
        add("encodings", "CR only", BASE.replace("\n", "\r"));
        add("encodings", "CR in a comment", "# a\rcomment\n" + BASE);
        add("encodings", "CR in an array", "[telemetry.traces]\ndrop_attributes = ['ual',\r'peer_id']\n");
        add("encodings", "CR in a string", "[telemetry.traces]\nservice_name = 'a\rb'\n");
        add("encodings", "CR in a multi-line string", "[telemetry.traces]\nservice_name = '''a\rb'''\n");
        add("encodings", "CR at the end", BASE + "\r");
        add("encodings", "mixed CR", BASE.replace("[[rule]]\n", "[[rule]]\r"));
        add("encodings", "escape sequence in a comment", "# \u001B[31mred\n" + BASE + "x = 1\n");
        add("encodings", "DEL in a comment", "# \u007F\n" + BASE);
        add("encodings", "newline in a quoted key", "[telemetry.traces]\n\"a\\nb\" = 1\n");
        add("encodings", "escape in a quoted key", "[telemetry.traces]\n\"\\u001B[2J\" = 1\n");
        add("encodings", "line separator", "[telemetry.traces]\nservice_name = 'x'\u2028\n");
        add("encodings", "non-breaking space", "[telemetry.traces]\n\u00A0service_name = 'x'\n");
    }

    private void add(String category, String name, String text) throws IOException {
        cases.add(new Case(category, name, write(text), true));
    }

    private void addBytes(String category, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve("case-" + (++counter) + ".toml");
        Files.write(file, bytes);
        cases.add(new Case(category, name, file, true));
    }

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("case-" + (++counter) + ".toml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void theBaseConfigIsValidSoThatEveryCaseIsOneMistake() throws Exception {
        Path file = write(BASE);
        CliRun run = CliRun.in(dir, "validate", file.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertNotEquals("", run.out);
    }
}
