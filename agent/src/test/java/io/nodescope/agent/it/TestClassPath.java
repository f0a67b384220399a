package io.nodescope.agent.it;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path of an application the tests start: the test classes and the libraries of the test's class path, not the agent's own modules. */
final class TestClassPath {

    private TestClassPath() {
    }

    static String withLibraries() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(TestClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("nodescope") && !entry.contains("sample-node")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
