package org.example.node.command;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.example.node.store.Blockchains;
import org.example.node.store.Ual;

/**
 * One command as a client asked for it. The blockchain and payload come straight from the client and
 * are checked by the command that needs them, through the {@code required…} accessors.
 *
 * @param operationId UUID that identifies this operation in logs and traces
 * @param blockchain  id such as {@code otp:2043}; null when the client gave none
 * @param payload     command-specific arguments, never null
 */
public record CommandRequest(String operationId, CommandType type, String blockchain, Map<String, String> payload) {
    public CommandRequest {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(type, "type");
        // a copy that tolerates null values: a client sending {"ual": null} is bad input, not a crash
        payload = payload == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(payload));
    }

    /** A request for a new operation, with a fresh operation id. */
    public static CommandRequest newOperation(CommandType type, String blockchain, Map<String, String> payload) {
        return new CommandRequest(UUID.randomUUID().toString(), type, blockchain, payload);
    }

    public Optional<String> optionalPayload(String key) {
        return Optional.ofNullable(payload.get(key)).filter(value -> !value.isBlank());
    }

    public String requiredPayload(String key) throws InvalidCommandException {
        return optionalPayload(key).orElseThrow(() ->
                new InvalidCommandException(type.label() + " needs a non-blank payload." + key));
    }

    public String requiredBlockchain() throws InvalidCommandException {
        if (blockchain == null || blockchain.isBlank()) {
            throw new InvalidCommandException(type.label() + " needs a blockchain, one of " + Blockchains.SUPPORTED);
        }
        if (!Blockchains.isSupported(blockchain)) {
            throw new InvalidCommandException("unsupported blockchain " + blockchain + ", expected one of "
                    + Blockchains.SUPPORTED);
        }
        return blockchain;
    }

    public Ual requiredUal() throws InvalidCommandException {
        String text = requiredPayload("ual");
        try {
            return Ual.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("malformed payload.ual: " + e.getMessage());
        }
    }
}
