package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disabled agent's quick look at the config: "off" for the plain ways of writing every signal
 * off, "not sure" for whatever else, and never "off" for a config the full reader turns on.
 */
class OffSwitchTest {

    private static final String RULES = "include = [\n  'nodescope:executors',\n]\n\n[[rule]]\nname = 'commands'\nkind = 'command'\n"
            + "class.supertype = 'org.example.Command'\nmethod.parameters = ['org.example.Request']\n";

    @TempDir
    Path dir;

    @Test
    void seesThePlainWaysOfWritingEverySignalOff() throws Exception {
        String[] off = {
            RULES + "[telemetry.traces]\nenabled = false\notlp_endpoint = 'http://127.0.0.1:1'\n[telemetry.metrics]\nenabled = false\n",
            "# nothing on\n[telemetry.metrics]\nenabled=false # for now\nbind_address = '127.0.0.1:0'\n[telemetry.logs]\n  enabled = false\n",
            "[ telemetry . traces ]\r\nenabled = false\r\n[telemetry.health]\n",
            "\uFEFF[telemetry.traces] # off\nenabled = false\n",
            "[telemetry.logs]\nenabled = false\n[[rule]]\nname = 'x'\nvalues.text = '''\nenabled = true\n'''\n",
        };
        for (String text : off) {
            assertTrue(OffSwitch.allOff(text), text);
            assertFalse(ConfigLoader.decideStart(write(text)).anySignalEnabled(), text);
        }
    }

    @Test
    void leavesEverythingElseToTheFullReader() throws Exception {
        String[] unsure = {
            "",
            RULES,
            "root:x:0:0:root:/root:/bin/bash\n",
            "[telemetry.traces]\n",
            "[telemetry.metrics]\nenabled = true\n",
            "[telemetry.logs]\nenabled = 'false'\n",
            "[telemetry.traces]\nenabled = false\n[telemetry.traces.resource_attributes]\nregion = 'eu'\n",
            "[telemetry.\"traces\"]\nenabled = false\n",
            "[telemetry.traces] enabled = false\n",
            "[[telemetry.traces]]\nenabled = false\n",
            "[telemetry.traces]\nenabled = false\n[telemetry.traces]\nenabled = false\n",
            "telemetry.metrics.enabled = true\n",
            "\"telemetry\" = { metrics = { enabled = true } }\n",
            "[telemetry]\nmetrics.enabled = true\n",
            "[telemetry.traces]\nservice_name = \"\"\"\nenabled = false\n\"\"\"\n",
            "[telemetry.metrics]\renabled = true\r",
            "\uFEFF\uFEFF[telemetry.metrics]\n",
            "[telemetryx]\n",
            "[telemetry.logs]\nenabled = false\n[[rule]]\nname = 'x'\nvalues.text = '''\n[telemetry.traces]\nenabled = false\n'''\n",
            "[telemetry.metrics\nenabled = false\n",
        };
        for (String text : unsure) {
            assertFalse(OffSwitch.allOff(text), text);
        }
        assertFalse(OffSwitch.allOff(dir.resolve("missing.toml")));
        assertFalse(OffSwitch.allOff(dir));
        assertFalse(OffSwitch.allOff(Path.of("/dev/null")));
    }

    /**
     * Every config the docs and the sample node show, with random edits of the kinds a person makes
     * (lines dropped, moved or repeated, values flipped, quotes and blanks added), read both ways:
     * the quick look says "off" only where the full reader does not start, and it does say "off"
     * for many of them, so that the check is not won by never answering.
     */
    @Test
    void neverSaysOffWhereTheFullReaderStarts() throws Exception {
        List<String> seeds = new ArrayList<>(DocsTomlTest.documentedConfigs());
        seeds.add(Files.readString(Path.of("..", "sample-node", "nodescope.toml")));
        seeds.add(RULES + "[telemetry.traces]\nenabled = false\n[telemetry.metrics]\nenabled = false\n[telemetry.logs]\nenabled = false\n");
        Random random = new Random(20261127);
        int off = 0;
        int cases = 0;
        for (String seed : seeds) {
            for (int i = 0; i < 300; i++) {
                String text = i == 0 ? seed : mutate(seed, random);
                cases++;
                if (!OffSwitch.allOff(text)) {
                    continue;
                }
                off++;
                try {
                    assertFalse(ConfigLoader.decideStart(write(text)).anySignalEnabled(), "said off, the full reader starts:\n" + text);
                } catch (ConfigException invalid) {
                    // the full reader would not start either
                }
            }
        }
        assertTrue(off >= 100, off + " of " + cases + " said off");
    }

    private static String mutate(String seed, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        for (int edits = 1 + random.nextInt(3); edits > 0 && !lines.isEmpty(); edits--) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0: lines.remove(at); break;
                case 1: lines.add(random.nextInt(lines.size() + 1), line); break;
                case 2: lines.add(random.nextInt(lines.size()), lines.remove(at)); break;
                case 3: lines.set(at, line.replace("true", "false")); break;
                case 4: lines.set(at, line.replace("false", "true")); break;
                case 5: lines.set(at, line.replace(".", random.nextBoolean() ? " . " : ".\"").replace("]", "\"]")); break;
                case 6: lines.set(at, (random.nextBoolean() ? "\t" : "") + line + (random.nextBoolean() ? "\r" : " # x")); break;
                default: lines.add(at, Map.of(0, "[telemetry.metrics]", 1, "enabled = false", 2, "[telemetry]", 3, "'''")
                        .get(random.nextInt(4))); break;
            }
        }
        return String.join("\n", lines);
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "c", ".toml");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
