package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchCommandTest {

    /** Class files of this module's tests: a class directory, as an IDE or Maven build leaves them. */
    private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();
    private static final Path SAMPLE_NODE = Path.of(System.getProperty("nodescope.sample.jar", "../sample-node/target/sample-node.jar"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void listsTheMethodsEachRuleSelectsInJarsAndDirectories() throws Exception {
        Files.writeString(dir.resolve("rules.toml"), String.join("\n",
                "[[rule]]",
                "name = 'stages'",
                "kind = 'sync_stage'",
                "class.name = 'io.nodescope.fixture.PipelineStage'",
                "method.name = 'insert'",
                "[[rule]]",
                "name = 'node-commands'",
                "kind = 'command'",
                "class.supertype = 'org.example.node.command.Command'",
                "method.name = 'execute'",
                "[[rule]]",
                "name = 'nothing'",
                "kind = 'command'",
                "class.name = 'com.example.Absent'",
                ""));
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", SAMPLE_NODE + File.pathSeparator + TEST_CLASSES);
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("stages (sync_stage, " + dir.resolve("rules.toml") + ":1): 1 method\n"
                + "  io.nodescope.fixture.PipelineStage.insert(java.util.List)\n"), run.out);
        assertTrue(run.out.contains("  org.example.node.command.PublishCommand.execute(org.example.node.command.CommandRequest)\n"), run.out);
        assertTrue(run.out.contains("nothing (command, " + dir.resolve("rules.toml") + ":11): 0 methods\n"
                + "  warning: selects nothing in this class path"), run.out);
        assertTrue(run.out.endsWith("so it grows as the node loads classes and may stay below these counts\n"), run.out);
    }

    @Test
    void readsASpringBootJarsClassesAndLibrariesAndTheJdksClasses() throws Exception {
        Path boot = bootJar(dir.resolve("application.jar"));
        Files.writeString(dir.resolve("rules.toml"), String.join("\n",
                "include = ['nodescope:jdbc', 'nodescope:executors']",
                "[[rule]]",
                "name = 'node-commands'",
                "kind = 'command'",
                "class.supertype = 'org.example.node.command.Command'",
                "method.name = 'execute'",
                ""));
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", boot.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("  org.example.node.command.PublishCommand.execute(org.example.node.command.CommandRequest)\n"),
                "BOOT-INF/classes: " + run.out);
        assertTrue(run.out.contains("  org.h2.jdbc.JdbcPreparedStatement.executeQuery()\n"), "BOOT-INF/lib/*.jar: " + run.out);
        assertTrue(run.out.contains("  java.util.concurrent.ThreadPoolExecutor.execute(java.lang.Runnable)\n"), "the JDK: " + run.out);
        assertTrue(!run.out.contains("BOOT-INF"), run.out);
    }

    /** The sample node laid out as Spring Boot packages an application: its classes, and H2 as a library jar. */
    private static Path bootJar(Path target) throws Exception {
        java.io.ByteArrayOutputStream library = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarFile sample = new java.util.jar.JarFile(SAMPLE_NODE.toFile());
                java.util.jar.JarOutputStream boot = new java.util.jar.JarOutputStream(Files.newOutputStream(target))) {
            try (java.util.jar.JarOutputStream h2 = new java.util.jar.JarOutputStream(library)) {
                for (java.util.Enumeration<java.util.jar.JarEntry> entries = sample.entries(); entries.hasMoreElements();) {
                    java.util.jar.JarEntry entry = entries.nextElement();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (entry.getName().startsWith("org/example/")) {
                        boot.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/classes/" + entry.getName()));
                        sample.getInputStream(entry).transferTo(boot);
                    } else if (entry.getName().startsWith("org/h2/")) {
                        h2.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                        sample.getInputStream(entry).transferTo(h2);
                    }
                }
            }
            boot.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/lib/h2.jar"));
            boot.write(library.toByteArray());
        }
        return target;
    }

    @Test
    void aRuleSelectingMoreThanTheLimitAndValuesAMethodCannotHaveAreWarnedAbout() throws Exception {
        Files.writeString(dir.resolve("rules.toml"), String.join("\n",
                "[[rule]]",
                "name = 'everything'",
                "kind = 'command'",
                "class.name = '**'",
                "method.name = '*'",
                "[[rule]]",
                "name = 'stage-values'",
                "kind = 'sync_stage'",
                "class.name = 'io.nodescope.fixture.PipelineStage'",
                "method.name = 'insert'",
                "values.stage = '$arg2'",
                "values.processed = '$return.count()'",
                "[[rule]]",
                "name = 'heartbeat-values'",
                "kind = 'task'",
                "class.name = 'io.nodescope.fixture.InstrumentedCalls'",
                "method.name = 'heartbeat'",
                "values.task = '$return'",
                ""));
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", SAMPLE_NODE + File.pathSeparator + TEST_CLASSES);
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("warning: rule 'everything' (" + dir.resolve("rules.toml") + ":1) can select every method"), run.out);
        java.util.regex.Matcher everything = java.util.regex.Pattern.compile("everything \\(command, [^)]*\\): (\\d+) methods\n"
                + "  warning: selects \\1 methods, more than the 500 one rule may instrument: at startup the agent instruments the first 500")
                .matcher(run.out);
        assertTrue(everything.find(), run.out.substring(0, Math.min(3000, run.out.length())));
        assertTrue(Integer.parseInt(everything.group(1)) > 1000, everything.group(1));
        assertTrue(!run.out.contains("  io.nodescope.agent."), "the agent's own classes are never selected");
        assertTrue(run.out.contains("stage-values (sync_stage, " + dir.resolve("rules.toml") + ":6): 1 method\n"
                + "  warning: values.stage = \"$arg2\" reads argument 2, but io.nodescope.fixture.PipelineStage.insert takes 1 parameter"
                + " ($arg0); the value is left out there\n"
                + "  io.nodescope.fixture.PipelineStage.insert(java.util.List)\n"), run.out);
        assertTrue(run.out.contains("heartbeat-values (task, " + dir.resolve("rules.toml") + ":13): 1 method\n"
                + "  warning: values.task = \"$return\" reads the return value, but io.nodescope.fixture.InstrumentedCalls.heartbeat"
                + " returns void; the value is left out there\n"), run.out);
    }

    @Test
    void theRulesTracesBringForLoggingFrameworksAreNotWarnedAboutWhereTheFrameworkIsAbsent() throws Exception {
        Files.writeString(dir.resolve("rules.toml"), String.join("\n",
                "[telemetry.traces]",
                "[[rule]]",
                "name = 'stages'",
                "kind = 'sync_stage'",
                "class.name = 'io.nodescope.fixture.PipelineStage'",
                "method.name = 'insert'",
                ""));
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", TEST_CLASSES.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("logback-trace-ids (log_context, nodescope:log-context:"), run.out);
        assertTrue(run.out.contains(": 0 methods\n  the agent's rule for a logging framework this class path does not hold\n"), run.out);
        assertFalse(run.out.contains("warning: selects nothing"), run.out);
    }

    @Test
    void anInvalidConfigFailsWithItsProblems() throws Exception {
        Files.writeString(dir.resolve("rules.toml"), "[[rule]]\nname = 'x'\nkind = 'command'\n");
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", TEST_CLASSES.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("rules.toml:1:1: rule[1]: every rule needs class.name"), run.toString());
    }

    @Test
    void anUnreadableClassPathFails() throws Exception {
        Files.writeString(dir.resolve("rules.toml"), "");
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml", "--classpath", "absent.jar");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("absent.jar"), run.toString());
    }

    @Test
    void bothOptionsAreRequired() {
        CliRun run = CliRun.in(dir, "match", "--config", "rules.toml");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains("match needs --classpath"), run.toString());
        assertEquals(2, CliRun.in(dir, "match", "--classpath", "a.jar").exitCode);
    }
}
