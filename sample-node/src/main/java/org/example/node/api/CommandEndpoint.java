package org.example.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.example.node.command.CommandExecutor;
import org.example.node.command.CommandRejectedException;
import org.example.node.command.CommandRequest;
import org.example.node.command.CommandType;
import org.example.node.command.InvalidCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /commands}: runs one command on the executor and answers with its result. */
final class CommandEndpoint implements JsonRoute.Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CommandEndpoint.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> COMMAND_LABELS =
            Arrays.stream(CommandType.values()).map(CommandType::label).toList();

    /** The request body as clients send it. */
    record CommandBody(String type, String blockchain, Map<String, String> payload) {
    }

    private final ObjectMapper json;
    private final CommandExecutor commands;

    CommandEndpoint(ObjectMapper json, CommandExecutor commands) {
        this.json = json;
        this.commands = commands;
    }

    @Override
    public JsonResponse respond(String subPath, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return JsonResponse.error(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        CommandBody command;
        try {
            command = json.readValue(bytes, CommandBody.class);
        } catch (JsonProcessingException e) {
            return JsonResponse.error(400, "malformed command JSON: " + e.getOriginalMessage());
        }
        if (command == null) {
            return JsonResponse.error(400, "the body must be a JSON object like {\"type\":\"publish\", ...}");
        }
        Optional<CommandType> type = CommandType.fromLabel(command.type());
        if (type.isEmpty()) {
            return JsonResponse.error(400, "type must be one of " + COMMAND_LABELS + ", got " + command.type());
        }
        return run(CommandRequest.newOperation(type.get(), command.blockchain(), command.payload()));
    }

    private JsonResponse run(CommandRequest request) {
        try {
            return JsonResponse.ok(commands.submit(request).get(RESULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            return failure(request, e.getCause());
        } catch (TimeoutException e) {
            return JsonResponse.error(500, "command did not finish within " + RESULT_TIMEOUT.toSeconds() + " s",
                    request.operationId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonResponse.error(503, "node is shutting down", request.operationId());
        }
    }

    private static JsonResponse failure(CommandRequest request, Throwable cause) {
        if (cause instanceof InvalidCommandException) {
            return JsonResponse.error(400, cause.getMessage(), request.operationId());
        }
        if (cause instanceof CommandRejectedException) {
            return JsonResponse.error(503, cause.getMessage(), request.operationId());
        }
        LOG.warn("command {} failed", request.operationId(), cause);
        return JsonResponse.error(500, request.type().label() + " failed: " + cause.getMessage(),
                request.operationId());
    }
}
