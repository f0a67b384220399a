package org.example.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/** {@code POST /peer/...}: one call of the peer protocol, a JSON request answered with a JSON reply. */
final class PeerEndpoint<T> implements JsonRoute.Endpoint {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper json;
    private final Class<T> requestType;
    private final Function<T, Object> answer;

    /** @param answer throws {@link IllegalArgumentException} for a request it refuses */
    PeerEndpoint(ObjectMapper json, Class<T> requestType, Function<T, Object> answer) {
        this.json = json;
        this.requestType = requestType;
        this.answer = answer;
    }

    @Override
    public JsonResponse respond(String subPath, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return JsonResponse.error(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        T request;
        try {
            request = json.readValue(bytes, requestType);
        } catch (JsonProcessingException e) {
            return JsonResponse.error(400, "malformed peer request: " + e.getOriginalMessage());
        }
        if (request == null) {
            return JsonResponse.error(400, "the body must be a JSON object");
        }
        try {
            return JsonResponse.ok(answer.apply(request));
        } catch (IllegalArgumentException e) {
            return JsonResponse.error(400, e.getMessage());
        }
    }
}
