package org.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeOptionsTest {
    @Test
    void noArgumentsGiveTheDefaults() throws OptionException {
        assertEquals(new NodeOptions(8900, 0, 20, 0, 0.15), NodeOptions.parse());
    }

    @Test
    void readsEveryOption() throws OptionException {
        NodeOptions options = NodeOptions.parse("--port", "0", "--workload-seconds", "5", "--workload-rate", "50",
                "--run-seconds", "7", "--error-share", "0.3");

        assertEquals(new NodeOptions(0, 5, 50, 7, 0.3), options);
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
    }

    private static void assertMessage(String expected, String... args) {
        OptionException e = assertThrows(OptionException.class, () -> NodeOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
