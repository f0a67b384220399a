package io.nodescope.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, written into the jar by the build. */
final class BuildInfo {

    private BuildInfo() {
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is informational only
        }
        return properties.getProperty("version", "unknown");
    }
}
