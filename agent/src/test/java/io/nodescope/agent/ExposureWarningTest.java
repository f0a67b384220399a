package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodescope.agent.config.TestCertificates;
import io.nodescope.agent.config.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup warning for a {@code /metrics} listener beyond loopback names what is missing to protect it. */
class ExposureWarningTest {

    private static final String PUBLIC = "[telemetry.metrics]\nbind_address = '0.0.0.0:9464'\n";
    private static final String AUTH = "[telemetry.metrics.basic_auth]\nusername = 'prometheus'\npassword_file = 'metrics.password'\n";

    @TempDir
    Path dir;

    @Test
    void namesEachMissingProtection() throws Exception {
        Files.writeString(dir.resolve("metrics.password"), "s3cret\n");
        TestCertificates certificates = TestCertificates.create(dir, "EC");
        String tls = "[telemetry.metrics.tls]\ncert_file = '" + certificates.certFile() + "'\nkey_file = '" + certificates.keyFile() + "'\n";

        assertEquals("metrics listen on 0.0.0.0:9464, reachable from other machines; bind 127.0.0.1, or set "
                + "[telemetry.metrics.tls] and [telemetry.metrics.basic_auth] and let a firewall admit only the scraper", warning(PUBLIC));
        assertEquals("metrics listen on 0.0.0.0:9464, reachable from other machines; bind 127.0.0.1, or set "
                + "[telemetry.metrics.tls] and let a firewall admit only the scraper", warning(PUBLIC + AUTH));
        assertEquals("metrics listen on 0.0.0.0:9464, reachable from other machines; bind 127.0.0.1, or set "
                + "[telemetry.metrics.basic_auth] and let a firewall admit only the scraper", warning(PUBLIC + tls));
        assertEquals("metrics listen on 0.0.0.0:9464, reachable from other machines (over TLS, with basic auth); "
                + "let a firewall admit only the scraper", warning(PUBLIC + tls + AUTH));
    }

    private String warning(String toml) throws Exception {
        return AgentRuntime.exposureWarning(TestConfigs.load(dir, toml).metrics());
    }
}
