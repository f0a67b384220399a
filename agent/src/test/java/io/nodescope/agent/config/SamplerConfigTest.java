package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerConfigTest {

    @TempDir
    Path dir;

    @Test
    void keepErrorsIsChosenByNameAndTakesTheRatioFromTheFileOrTheEnvironment() throws Exception {
        assertFalse(TestConfigs.load(dir, "[telemetry.traces]\n").traces().keepErrors());
        assertFalse(TestConfigs.load(dir, "[telemetry.traces]\nsampler = 'ratio'\n").traces().keepErrors());
        TracesConfig traces = TestConfigs.load(dir, "[telemetry.traces]\nsampler = 'keep_errors'\nsample_ratio = 0.1\n").traces();
        assertTrue(traces.keepErrors());
        assertEquals(0.1, traces.sampleRatio());
        TracesConfig overridden = TestConfigs.load(dir, "[telemetry.traces]\nsampler = 'keep_errors'\nsample_ratio = 0.1\n",
                Map.of("OTEL_TRACES_SAMPLER_ARG", "0.5")).traces();
        assertTrue(overridden.keepErrors());
        assertEquals(0.5, overridden.sampleRatio());
    }

    @Test
    void anUnknownSamplerNamesBoth() {
        List<ConfigProblem> problems = assertThrows(ConfigException.class,
                () -> TestConfigs.load(dir, "[telemetry.traces]\nsampler = 'errors'\n")).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("telemetry.traces.sampler", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("\"ratio\"") && problems.get(0).message().contains("\"keep_errors\""),
                problems.get(0).message());
    }
}
