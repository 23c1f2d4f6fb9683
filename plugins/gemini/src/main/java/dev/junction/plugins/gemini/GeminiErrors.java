package dev.junction.plugins.gemini;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Gemini's error object ({@code {"error": {"code", "message", "status", "details"}}}, a
 * {@code google.rpc.Status}) as a canonical failure. Pure.
 *
 * <p>Two Gemini habits need care: a refused API key is a 400 {@code INVALID_ARGUMENT} whose
 * details name {@code API_KEY_INVALID} (not a 401), and a 429 says when to retry in a
 * {@code google.rpc.RetryInfo} detail ({@code "retryDelay": "37s"}) rather than a header.
 */
final class GeminiErrors {

    private GeminiErrors() {}

    /** The failure an error object describes; {@code backendId} is named when credentials were refused. */
    static ChatEvent.Failed failed(JsonObject error, String backendId) {
        ErrorKind kind = kind(error);
        String message = error.getValue("message") instanceof String text ? text : "Gemini failed without a message.";
        if (kind == ErrorKind.AUTHENTICATION) {
            message = "The backend '" + backendId + "' was refused by Gemini: " + message;
        }
        return new ChatEvent.Failed(kind, message, retryAfterSeconds(error));
    }

    /** The kind of failure, from the API key reason, the RPC status, then the HTTP code. */
    static ErrorKind kind(JsonObject error) {
        if ("API_KEY_INVALID".equals(reason(error))) {
            return ErrorKind.AUTHENTICATION;
        }
        String status = error.getValue("status") instanceof String text ? text : "";
        switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> {
                return ErrorKind.INVALID_REQUEST;
            }
            case "UNAUTHENTICATED", "PERMISSION_DENIED" -> {
                return ErrorKind.AUTHENTICATION;
            }
            case "NOT_FOUND" -> {
                return ErrorKind.NOT_FOUND;
            }
            case "RESOURCE_EXHAUSTED" -> {
                return ErrorKind.RATE_LIMITED;
            }
            case "UNAVAILABLE" -> {
                return ErrorKind.OVERLOADED;
            }
            case "DEADLINE_EXCEEDED" -> {
                return ErrorKind.TIMEOUT;
            }
            case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> {
                return ErrorKind.UPSTREAM;
            }
            default -> {
                // fall back to the HTTP code
            }
        }
        int code = error.getValue("code") instanceof Number number ? number.intValue() : 0;
        return switch (code) {
            case 400, 413, 422 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.AUTHENTICATION;
            case 404 -> ErrorKind.NOT_FOUND;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503 -> ErrorKind.OVERLOADED;
            case 504 -> ErrorKind.TIMEOUT;
            default -> ErrorKind.UPSTREAM;
        };
    }

    /** Whole seconds of the {@code RetryInfo} detail, rounded up and at least 1, or {@code null}. */
    static Integer retryAfterSeconds(JsonObject error) {
        for (JsonObject detail : details(error)) {
            if (String.valueOf(detail.getValue("@type")).endsWith("google.rpc.RetryInfo")
                    && detail.getValue("retryDelay") instanceof String delay
                    && delay.matches("\\d+(\\.\\d+)?s")) {
                double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(seconds)));
            }
        }
        return null;
    }

    private static String reason(JsonObject error) {
        for (JsonObject detail : details(error)) {
            if (detail.getValue("reason") instanceof String reason) {
                return reason;
            }
        }
        return null;
    }

    private static Iterable<JsonObject> details(JsonObject error) {
        JsonArray details = error.getValue("details") instanceof JsonArray array ? array : new JsonArray();
        return () -> details.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .iterator();
    }
}
