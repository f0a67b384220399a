package org.example.node;

import java.util.Arrays;
import java.util.Optional;

/** How the node writes its log: one line of text per record, or one JSON object per record for a log shipper. */
enum LogFormat {
    PLAIN("plain", "logback.xml"),
    JSON("json", "logback-json.xml");

    private final String optionValue;
    private final String configuration;

    LogFormat(String optionValue, String configuration) {
        this.optionValue = optionValue;
        this.configuration = configuration;
    }

    String optionValue() {
        return optionValue;
    }

    /**
     * Points Logback at this format's configuration, unless the operator named one with
     * {@code -Dlogback.configurationFile}. Must run before the first logger is made.
     */
    void select() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", configuration);
        }
    }

    static Optional<LogFormat> named(String optionValue) {
        return Arrays.stream(values()).filter(format -> format.optionValue.equals(optionValue)).findFirst();
    }
}
