package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.OtlpProtocol;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void noneIsTheDefaultAndNeitherSendsNorListens() throws Exception {
        CliRun run = CliRun.in(dir, "init");
        assertEquals(0, run.exitCode, run.toString());
        AgentConfig config = validated(dir.resolve("nodescope.toml"));
        assertFalse(config.traces().enabled());
        assertFalse(config.metrics().enabled());
        assertTrue(Files.readString(dir.resolve("nodescope.toml")).contains("observability mode \"none\""));
    }

    @Test
    void remoteWritesTheEndpointAndTheServiceLabels() throws Exception {
        CliRun run = CliRun.in(dir, "init", "--observability", "remote", "--output", "remote.toml",
                "--otlp-endpoint", "https://otlp.example.org:4318", "--protocol=http/protobuf", "--service-name", "dkg \"node\" 1",
                "--resource-attribute", "deployment.environment=prod", "--resource-attribute", "host.name=vps-1");
        assertEquals(0, run.exitCode, run.toString());
        AgentConfig config = validated(dir.resolve("remote.toml"));
        assertTrue(config.traces().enabled());
        assertEquals(URI.create("https://otlp.example.org:4318/v1/traces"), config.traces().endpoint());
        assertEquals(OtlpProtocol.HTTP_PROTOBUF, config.traces().protocol());
        assertEquals("dkg \"node\" 1", config.traces().serviceName());
        assertEquals(Map.of("deployment.environment", "prod", "host.name", "vps-1"), config.traces().resourceAttributes());
        assertTrue(config.metrics().enabled());
        assertTrue(config.metrics().bindAddress().isLoopback(), config.metrics().bindAddress().toString());
    }

    @Test
    void theCommentedReadinessChecksLoadOnceUncommented() throws Exception {
        for (String[] arguments : new String[][] {{"remote", "--otlp-endpoint", "http://collector:4317"}, {"local"}}) {
            String mode = arguments[0];
            List<String> line = new ArrayList<>(List.of("init", "--observability", mode, "--output", mode + ".toml"));
            line.addAll(List.of(arguments).subList(1, arguments.length));
            CliRun run = CliRun.in(dir, line.toArray(new String[0]));
            assertEquals(0, run.exitCode, run.toString());
            String text = Files.readString(dir.resolve(mode + ".toml"));
            int example = text.indexOf("# [[telemetry.health.ready]]");
            assertTrue(example > 0, text);
            Path uncommented = dir.resolve(mode + "-ready.toml");
            Files.writeString(uncommented, text.substring(0, example) + text.substring(example).replaceAll("(?m)^# ?", ""));
            AgentConfig config = validated(uncommented);
            assertEquals(3, config.readiness().size(), mode);
        }
    }

    @Test
    void localPointsBothSignalsAtTheLoopbackStack() throws Exception {
        CliRun run = CliRun.in(dir, "init", "--observability", "local", "--output", "local.toml", "--service-name", "node-a");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("deploy/local/README.md"), run.toString());
        AgentConfig config = validated(dir.resolve("local.toml"));
        assertEquals(URI.create("http://127.0.0.1:4317"), config.traces().endpoint());
        assertEquals(OtlpProtocol.GRPC, config.traces().protocol());
        assertEquals("node-a", config.traces().serviceName());
        assertEquals("127.0.0.1:9464", config.metrics().bindAddress().toString());
        assertTrue(Files.readString(dir.resolve("local.toml")).contains("higher-resource mode"));
    }

    @Test
    void anExistingFileIsKeptWithoutForce() throws Exception {
        Path file = Files.writeString(dir.resolve("nodescope.toml"), "# the operator's own\n");
        CliRun run = CliRun.in(dir, "init", "--observability", "local");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains(file.toString()) && run.err.contains("--force"), run.toString());
        assertEquals("# the operator's own\n", Files.readString(file));
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void missingDirectoriesAreCreated() throws Exception {
        CliRun run = CliRun.in(dir, "init", "--observability", "local", "--output", "etc/node/nodescope.toml");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(validated(dir.resolve("etc/node/nodescope.toml")).metrics().enabled());
    }

    @Test
    void forceOverwrites() throws Exception {
        Path file = Files.writeString(dir.resolve("nodescope.toml"), "# the operator's own\n");
        CliRun run = CliRun.in(dir, "init", "--observability", "local", "--force");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(validated(file).traces().enabled());
        assertEquals(List.of(file), filesIn(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--observability cloud|must be none, remote or local",
        "--observability remote|needs --otlp-endpoint",
        "--observability remote --otlp-endpoint ftp://collector:4317|must start with http:// or https://",
        "--observability remote --otlp-endpoint http://c:4317 --protocol http|--protocol must be one of grpc, http/protobuf",
        "--observability remote --otlp-endpoint http://c:4317 --resource-attribute prod|takes KEY=VALUE",
        "--observability remote --otlp-endpoint http://c:4317 --resource-attribute a=1 --resource-attribute a=2|a is given twice",
        "--observability remote --otlp-endpoint http://c:4317 --resource-attribute service.name=x|--service-name",
        "--otlp-endpoint http://c:4317|does not apply to --observability none",
        "--observability local --protocol grpc|does not apply to --observability local",
        "--observability local --observability remote|is given 2 times",
        "--obs local|unknown option --obs",
        "--output|--output needs a value",
        "extra|no arguments besides its options",
    })
    void badArgumentsAreUsageErrorsAndWriteNothing(String line) throws Exception {
        String[] parts = line.split("\\|");
        String[] args = Stream.concat(Stream.of("init"), Stream.of(parts[0].split(" "))).toArray(String[]::new);
        CliRun run = CliRun.in(dir, args);
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.contains(parts[1]), run.toString());
        assertEquals(List.of(), filesIn(dir));
    }

    /** The file passes {@code validate} and loads as the agent would read it. */
    private AgentConfig validated(Path file) throws Exception {
        CliRun validate = CliRun.in(dir, "validate", file.toString());
        assertEquals(0, validate.exitCode, validate.toString() + "\n" + Files.readString(file));
        return ConfigLoader.load(file, Map.of());
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }
}
