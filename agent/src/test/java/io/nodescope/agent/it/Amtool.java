package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.file.Path;

/** Alertmanager's checker, from the Debian package {@code prometheus-alertmanager}. */
final class Amtool {

    private Amtool() {
    }

    static void checkConfig(Path config) throws IOException, InterruptedException {
        CheckerRun.assertPasses(new ProcessBuilder(binary(), "check-config", config.toString()), "");
    }

    private static String binary() {
        return CheckerRun.binary("AMTOOL_BIN", "/usr/bin/amtool");
    }
}
