package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TOML block of the repository's Markdown (README, docs, every module's notes) is a config
 * the agent loads as it is: a reader who copies one gets no error. The files a block names (rules
 * files it includes, a password, a certificate and its key) are created beside it.
 */
class DocsTomlTest {

    private static final Pattern TOML_BLOCK = Pattern.compile("```toml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INCLUDED = Pattern.compile("\"([^\":]+\\.toml)\"");
    private static final Pattern PASSWORD_FILE = Pattern.compile("password_file = \"([^\"]+)\"");
    private static final Pattern CERT_FILE = Pattern.compile("cert_file = \"([^\"]+)\"");
    private static final Pattern KEY_FILE = Pattern.compile("key_file = \"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void everyTomlBlockInTheDocsLoads() throws Exception {
        List<Path> documents = markdown(Path.of(".."));
        assertTrue(documents.contains(Path.of("../docs/configuration.md")), documents.toString());
        int blocks = 0;
        List<String> failures = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            int index = 0;
            for (Matcher block = TOML_BLOCK.matcher(text); block.find();) {
                index++;
                blocks++;
                String where = document + " block " + index + " (line " + (text.substring(0, block.start()).split("\n", -1).length) + ")";
                try {
                    ConfigLoader.load(withFilesItNames(block.group(1), dir.resolve("block-" + blocks)), Map.of());
                } catch (ConfigException e) {
                    failures.add(where + ":\n" + e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " TOML blocks in the docs do not load:\n" + String.join("\n\n", failures));
        }
        assertTrue(blocks >= 13, "the docs' TOML blocks were found: " + blocks);
    }

    /** The text of every TOML block in the project's Markdown files. */
    static List<String> documentedConfigs() throws IOException {
        List<String> blocks = new ArrayList<>();
        for (Path document : markdown(Path.of(".."))) {
            for (Matcher block = TOML_BLOCK.matcher(Files.readString(document)); block.find();) {
                blocks.add(block.group(1));
            }
        }
        return blocks;
    }

    private static List<Path> markdown(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/node_modules/")
                            && !file.toString().contains("/.git/"))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static Path withFilesItNames(String block, Path folder) throws Exception {
        Files.createDirectories(folder);
        for (Matcher included = INCLUDED.matcher(block); included.find();) {
            Path file = folder.resolve(included.group(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        }
        Matcher password = PASSWORD_FILE.matcher(block);
        if (password.find()) {
            Files.writeString(folder.resolve(password.group(1)), "a-password\n");
        }
        Matcher cert = CERT_FILE.matcher(block);
        Matcher key = KEY_FILE.matcher(block);
        if (cert.find() && key.find()) {
            TestCertificates certificates = TestCertificates.create(folder, "RSA");
            Files.copy(certificates.certFile(), folder.resolve(cert.group(1)));
            Files.copy(certificates.keyFile(), folder.resolve(key.group(1)));
        }
        Path file = folder.resolve("nodescope.toml");
        Files.writeString(file, block);
        return file;
    }
}
