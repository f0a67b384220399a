package io.nodescope.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodescope.agent.config.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemIsReportedWithFileLineColumnAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.toml"), String.join("\n",
                "[telemetry]",
                "otlp_endpoint = 'http://x:4317'",
                "[telemetry.metrics]",
                "  bind_address = 'example.org:9464'",
                "[[rule]]",
                "name = 'commands'",
                "kind = 'commnd'",
                "class.name = 'org.example.Command'",
                ""));
        CliRun run = CliRun.in(dir, "validate", "broken.toml");
        assertEquals(1, run.exitCode, run.toString());
        List<String> lines = List.of(run.err.split("\n"));
        assertEquals(List.of(
                file + ":2:1: telemetry.otlp_endpoint: flat [telemetry] keys are no longer read; write [telemetry.traces] otlp_endpoint instead",
                file + ":4:3: telemetry.metrics.bind_address: 'example.org:9464': host must be an IP address or localhost",
                file + ":7:1: rule[1].kind: unknown kind 'commnd'; expected one of command, task, operation, sync_stage,"
                        + " sync_heartbeat, network, repository, triple_store, runtime, handoff, inject, extract, log_context, log_record,"
                        + " prepare",
                file + ": invalid, 3 problems"), lines);
        assertEquals("", run.out);
    }

    @Test
    void validRulesThatSelectTooMuchOrWhatTheAgentNeedsAreWarnedAbout() throws Exception {
        Files.writeString(dir.resolve("broad.toml"), String.join("\n",
                "include = ['nodescope:executors', 'nodescope:jdk-http-client']",
                "[telemetry.metrics]",
                "[[rule]]",
                "name = 'everything'",
                "kind = 'command'",
                "class.name = '**'",
                "method.name = '*'",
                "[[rule]]",
                "name = 'strings'",
                "kind = 'command'",
                "class.name = 'java.lang.String'",
                "[[rule]]",
                "name = 'checksums'",
                "kind = 'command'",
                "class.name = 'java.util.zip.CRC32'",
                ""));
        CliRun run = CliRun.in(dir, "validate", "broad.toml");
        assertEquals(0, run.exitCode, run.toString());
        List<String> warnings = run.out.lines().filter(line -> line.startsWith("  warning: ")).collect(java.util.stream.Collectors.toList());
        assertEquals(2, warnings.size(), run.out);
        assertTrue(warnings.get(0).startsWith("  warning: rule 'everything' (" + dir.resolve("broad.toml") + ":3) can select every method"
                + " of every class the node loads: its class.name \"**\" and method.name \"*\" have no fixed part"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("  warning: rule 'strings' (" + dir.resolve("broad.toml") + ":8) class.name"
                + " \"java.lang.String\" names a class the agent never instruments, whatever the rules say: java.lang.** ("), warnings.get(1));
        assertEquals("", run.err);
    }

    @Test
    void aValidConfigGetsASummary() throws Exception {
        Files.writeString(dir.resolve("node.toml"), String.join("\n",
                "include = ['nodescope:executors', 'nodescope:jdbc']",
                "[telemetry.traces]",
                "service_name = 'dkg-node'",
                "[telemetry.metrics]",
                "[[rule]]",
                "name = 'commands'",
                "kind = 'command'",
                "class.supertype = 'org.example.Command'",
                ""));
        CliRun run = CliRun.in(dir, "validate", "node.toml");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("node.toml: valid"), run.out);
        assertTrue(run.out.contains("traces:  on, grpc to http://127.0.0.1:4317, service.name dkg-node"), run.out);
        assertTrue(run.out.contains("metrics: on, http://127.0.0.1:9464/metrics\n"), run.out);
        assertTrue(run.out.contains("health:  /health/live, /health/ready (no checks: always ready)\n"), run.out);
        assertTrue(run.out.matches("(?s).*rules: +\\d+, packs included: nodescope:executors, nodescope:jdbc, nodescope:log-context\n.*"), run.out);
        assertFalse(run.out.contains("note: no rule"), run.out);
    }

    @Test
    void theSummaryNamesTheReadinessChecksAndTheKeepErrorsSampler() throws Exception {
        Files.writeString(dir.resolve("ready.toml"), String.join("\n",
                "[telemetry.traces]",
                "sampler = 'keep_errors'",
                "sample_ratio = 0.1",
                "[telemetry.metrics]",
                "[[telemetry.health.ready]]",
                "name = 'sync-heartbeat'",
                "check = 'heartbeat_age'",
                "max_age_seconds = 60",
                "[[telemetry.health.ready]]",
                "name = 'publishes'",
                "check = 'recent_success'",
                "metric = 'node_command_total'",
                "within_seconds = 60",
                ""));
        CliRun run = CliRun.in(dir, "validate", "ready.toml");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains(", sample ratio 0.1 and every trace with an error\n"), run.out);
        assertTrue(run.out.contains("health:  /health/live, /health/ready requiring sync-heartbeat, publishes\n"), run.out);
    }

    @Test
    void theSummaryShowsHttpsAndBasicAuthOnMetrics() throws Exception {
        Files.writeString(dir.resolve("metrics.password"), "s3cret\n");
        TestCertificates certificates = TestCertificates.create(dir, "EC");
        Files.writeString(dir.resolve("secured.toml"), String.join("\n",
                "[telemetry.metrics.tls]",
                "cert_file = '" + certificates.certFile() + "'",
                "key_file = '" + certificates.keyFile() + "'",
                "[telemetry.metrics.basic_auth]",
                "username = 'prometheus'",
                "password_file = 'metrics.password'",
                ""));
        CliRun run = CliRun.in(dir, "validate", "secured.toml");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("metrics: on, https://127.0.0.1:9464/metrics (basic auth, user prometheus)\n"), run.out);
    }

    @Test
    void aConfigWithoutRulesIsValidWithANote() throws Exception {
        Files.writeString(dir.resolve("bare.toml"), "[telemetry.metrics]\n");
        CliRun run = CliRun.in(dir, "validate", "bare.toml");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("rules:   0\n  note: no rule selects any method"), run.out);
    }

    @Test
    void theEnvironmentAppliesAsItWouldForTheAgent() throws Exception {
        Files.writeString(dir.resolve("node.toml"), "[telemetry.traces]\n[telemetry.metrics]\nbind_address = '0.0.0.0:9464'\n");
        CliRun off = CliRun.in(dir, Map.of("OTEL_TRACES_EXPORTER", "none"), "validate", "node.toml");
        assertEquals(0, off.exitCode, off.toString());
        assertTrue(off.out.contains("traces:  off"), off.out);
        assertTrue(off.out.contains("(not loopback: reachable from other machines)"), off.out);

        CliRun bad = CliRun.in(dir, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"), "validate", "node.toml");
        assertEquals(1, bad.exitCode, bad.toString());
        assertTrue(bad.err.contains("environment variable OTEL_EXPORTER_OTLP_ENDPOINT"), bad.toString());
    }

    @Test
    void aMissingFileFails() {
        CliRun run = CliRun.in(dir, "validate", "absent.toml");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("absent.toml") && run.err.contains("no such file"), run.toString());
    }

    @Test
    void exactlyOneFileIsExpected() {
        assertEquals(2, CliRun.in(dir, "validate").exitCode);
        assertEquals(2, CliRun.in(dir, "validate", "a.toml", "b.toml").exitCode);
        assertEquals(2, CliRun.in(dir, "validate", "--strict", "a.toml").exitCode);
    }

    @Test
    void deepNestingIsOneLocatedProblemAndNoStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("deep.toml"), "a = " + "[".repeat(100_000) + "\n");
        CliRun run = CliRun.in(dir, "validate", "deep.toml");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.startsWith(file + ":1:37: TOML syntax: "), run.err);
        assertFalse(run.err.contains("\tat ") || run.err.contains("Exception"), run.err);
    }

    @Test
    void onlyTheFirstProblemsArePrintedThenHowManyMore() throws Exception {
        StringBuilder text = new StringBuilder("[telemetry.traces]\n");
        for (int i = 0; i < 1000; i++) {
            text.append("unknown_").append(i).append(" = 1\n");
        }
        Path file = Files.writeString(dir.resolve("noisy.toml"), text);
        CliRun run = CliRun.in(dir, "validate", "noisy.toml");
        assertEquals(1, run.exitCode, run.toString());
        List<String> lines = List.of(run.err.split("\n"));
        assertEquals(22, lines.size(), run.err);
        assertTrue(lines.get(19).startsWith(file + ":21:1: telemetry.traces.unknown_19: unknown key"), lines.get(19));
        assertEquals("... and 980 more problems", lines.get(20));
        assertEquals(file + ": invalid, 1000 problems", lines.get(21));
    }
}
