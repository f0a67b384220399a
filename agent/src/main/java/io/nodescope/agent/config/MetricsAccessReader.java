package io.nodescope.agent.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code [telemetry.metrics.basic_auth]} and {@code [telemetry.metrics.tls]}: who may read
 * {@code /metrics} and over what. Files are read now, so a wrong path or key is a config error,
 * not a surprise at the first scrape. Relative paths are relative to the config file.
 */
final class MetricsAccessReader {

    private static final Set<String> BASIC_AUTH_KEYS = Set.of("username", "password_file");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file");

    private MetricsAccessReader() {
    }

    static Optional<BasicAuth> basicAuth(TomlSection section, Path configFile) {
        section.rejectUnknown(BASIC_AUTH_KEYS);
        Optional<String> username = required(section, "username");
        Optional<String> passwordFile = required(section, "password_file");
        if (username.isEmpty() || passwordFile.isEmpty()) {
            return Optional.empty();
        }
        if (username.get().isEmpty() || username.get().indexOf(':') >= 0) {
            section.problem("username", "must be non-empty and hold no ':'");
            return Optional.empty();
        }
        Path file = resolve(configFile, passwordFile.get());
        try {
            List<String> lines = ConfigFile.readText(file).lines().limit(1).collect(Collectors.toList());
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                section.problem("password_file", file + " is empty; its first line is the password");
                return Optional.empty();
            }
            return Optional.of(new BasicAuth(username.get(), lines.get(0)));
        } catch (ConfigFile.Unusable e) {
            // Never the file's text: it holds a password.
            section.problem("password_file", "cannot read " + file + ": " + (e.line() > 0 ? "not UTF-8 text" : e.getMessage()));
            return Optional.empty();
        }
    }

    static Optional<ServerCertificate> tls(TomlSection section, Path configFile) {
        section.rejectUnknown(TLS_KEYS);
        Optional<String> certFile = required(section, "cert_file");
        Optional<String> keyFile = required(section, "key_file");
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            return Optional.empty();
        }
        Certificate[] chain = null;
        PrivateKey key = null;
        try {
            chain = ServerCertificate.readChain(resolve(configFile, certFile.get()));
        } catch (IllegalArgumentException e) {
            section.problem("cert_file", e.getMessage());
        }
        try {
            key = ServerCertificate.readKey(resolve(configFile, keyFile.get()));
        } catch (IllegalArgumentException e) {
            section.problem("key_file", e.getMessage());
        }
        return chain == null || key == null ? Optional.empty() : Optional.of(new ServerCertificate(chain, key));
    }

    private static Optional<String> required(TomlSection section, String key) {
        Optional<String> value = section.string(key);
        if (value.isEmpty() && !section.has(key)) {
            section.problem("needs " + section.key(key));
        }
        return value;
    }

    private static Path resolve(Path configFile, String path) {
        Path dir = configFile.toAbsolutePath().getParent();
        return dir == null ? Path.of(path) : dir.resolve(path);
    }
}
