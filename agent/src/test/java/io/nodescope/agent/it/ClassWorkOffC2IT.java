package io.nodescope.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent keeps the JIT's top tier off its own per-class code with a compiler directive, which
 * {@code jcmd} lists, and removes the file it added it from. A JVM without tiered compilation, whose
 * only compiler is that top tier, gets none: the agent's code would run interpreted.
 */
class ClassWorkOffC2IT {

    private static final List<String> PER_CLASS_CODE = List.of("io/nodescope/agent/matching/*.*", "io/nodescope/agent/transform/*.*",
            "io/nodescope/agent/StartingTransformer.*", "io/nodescope/shaded/bytebuddy/*.*");

    @TempDir
    Path dir;

    @Test
    void theAgentsClassWorkIsKeptOffC2AndItsDirectiveFileRemoved() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        String directives = directivesOfANode(tmp);
        // The directives above the JVM's default one are those added; the agent's is the only one.
        String added = directives.substring(0, Math.max(0, directives.indexOf("Directive: (default)")));
        for (String classes : PER_CLASS_CODE) {
            assertTrue(added.contains(classes), classes + " in\n" + directives);
        }
        assertTrue(added.matches("(?s).*c2 directives:.*Exclude:true.*"), added);
        assertEquals(List.of(), directiveFiles(tmp), "the directive's file is removed once added");
    }

    @Test
    void aJvmWithoutTieredCompilationGetsNoDirective() throws Exception {
        String directives = directivesOfANode(Files.createDirectory(dir.resolve("tmp")), "-XX:-TieredCompilation");
        assertTrue(directives.contains("Directive: (default)"), directives);
        assertFalse(directives.contains("io/nodescope"), directives);
    }

    private String directivesOfANode(Path tmp, String... jvmArguments) throws IOException {
        Path config = SampleConfig.shipped().metricsPort(FreePort.pick()).tracesEnabled(false).write(dir);
        try (NodeProcess node = NodeProcess.sampleNode().agent(config).jvmArguments("-Djava.io.tmpdir=" + tmp).jvmArguments(jvmArguments)
                .arguments("--port", "0").start()) {
            // Said right after the directive is added.
            node.awaitLine(line -> line.startsWith("[nodescope] version ") && line.contains(" started with "), Patience.START);
            return JvmTools.compilerDirectives(node.pid());
        }
    }

    private static List<Path> directiveFiles(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(file -> file.getFileName().toString().startsWith("nodescope-jit-")).collect(Collectors.toList());
        }
    }
}
