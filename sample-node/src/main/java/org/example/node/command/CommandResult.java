package org.example.node.command;

import java.util.Map;

/**
 * What a command produced, as JSON-ready values.
 *
 * @param data command-specific result fields, e.g. {@code ual} and {@code version} for a publish
 */
public record CommandResult(String operationId, Map<String, Object> data) {
    public CommandResult {
        data = Map.copyOf(data);
    }
}
