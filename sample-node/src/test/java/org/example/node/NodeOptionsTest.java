package org.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {
    @Test
    void noArgumentsGiveTheDefaults() throws OptionException {
        assertEquals(new NodeOptions(8900, 0, 20, 0, 0.15, null, null, List.of(), null, null, 0.1, LogFormat.PLAIN), NodeOptions.parse());
    }

    @Test
    void readsEveryOption() throws OptionException {
        NodeOptions options = NodeOptions.parse("--port", "0", "--workload-seconds", "5", "--workload-rate", "50",
                "--run-seconds", "7", "--error-share", "0.3", "--data-dir", "/var/lib/node", "--db-url",
                "jdbc:h2:mem:node", "--peer", "http://127.0.0.1:8901", "--peer",
                "http://127.0.0.1:8902,http://localhost:8903/", "--peer-id", "QmNode1", "--fault", "sync-stall",
                "--network-failure-share", "0", "--log-format", "json");

        assertEquals(new NodeOptions(0, 5, 50, 7, 0.3, Path.of("/var/lib/node"), "jdbc:h2:mem:node",
                List.of(URI.create("http://127.0.0.1:8901"), URI.create("http://127.0.0.1:8902"),
                        URI.create("http://localhost:8903/")), "QmNode1", Fault.SYNC_STALL, 0.0, LogFormat.JSON), options);
    }

    @Test
    void anUnknownLogFormatIsNamedWithTheKnownOnes() {
        assertMessage("--log-format needs one of [plain, json], got xml", "--log-format", "xml");
    }

    @Test
    void unknownOptionIsNamed() {
        assertMessage("unknown option --verbose", "--verbose", "1");
    }

    @Test
    void optionWithoutValueIsNamed() {
        assertMessage("--run-seconds needs a value", "--port", "0", "--run-seconds");
    }

    @Test
    void nonNumericValueIsNamedWithTheOption() {
        assertMessage("--port needs a whole number from 0 to 65535, got http", "--port", "http");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertMessage("--port needs a whole number from 0 to 65535, got 70000", "--port", "70000");
        assertMessage("--workload-rate needs a whole number from 1 to 1000, got 0", "--workload-rate", "0");
        assertMessage("--error-share needs a number from 0 to 1, got 1.5", "--error-share", "1.5");
        assertMessage("--fault needs one of [sync-stall], got disk-full", "--fault", "disk-full");
    }

    @Test
    void malformedNetworkAndStorageValuesAreRejected() {
        assertMessage("--peer needs URLs like http://127.0.0.1:8901, got 127.0.0.1:8901", "--peer", "127.0.0.1:8901");
        assertMessage("--peer needs URLs like http://127.0.0.1:8901, got http://127.0.0.1", "--peer",
                "http://127.0.0.1:8901,http://127.0.0.1");
        assertMessage("--peer needs URLs like http://127.0.0.1:8901, got http://127.0.0.1:8901/commands", "--peer",
                "http://127.0.0.1:8901/commands");
        assertMessage("--db-url needs a JDBC URL like jdbc:h2:mem:node, got h2:mem:node", "--db-url", "h2:mem:node");
        assertMessage("--peer-id needs 1 to 64 letters, digits, '-' or '_', got a b", "--peer-id", "a b");
    }

    private static void assertMessage(String expected, String... args) {
        OptionException e = assertThrows(OptionException.class, () -> NodeOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
