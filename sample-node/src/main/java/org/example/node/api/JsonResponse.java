package org.example.node.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP status and the value to send as the JSON body. */
record JsonResponse(int status, Object body) {
    static JsonResponse ok(Object body) {
        return new JsonResponse(200, body);
    }

    static JsonResponse error(int status, String message) {
        return new JsonResponse(status, Map.of("error", message));
    }

    /** An error about a command that already has an operation id, so the client can quote it. */
    static JsonResponse error(int status, String message, String operationId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("operation_id", operationId);
        return new JsonResponse(status, body);
    }
}
