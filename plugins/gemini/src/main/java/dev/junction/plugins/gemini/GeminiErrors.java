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

    /**
     * The failure an error object in the stream describes. Failures that are the gateway's rather
     * than the caller's name the backend, as {@code dev.junction.http.UpstreamFailures} does for
     * HTTP answers.
     */
    static ChatEvent.Failed failed(JsonObject error, String backendId) {
        ErrorKind kind = kind(error);
        String message = error.getValue("message") instanceof String text && !text.isBlank()
                ? text
                : "Gemini failed without a message.";
        Integer retryAfter = retryAfterSeconds(error);
        switch (kind) {
            case INVALID_REQUEST, NOT_FOUND -> {
                return new ChatEvent.Failed(kind, message, null);
            }
            case AUTHENTICATION -> message = "Gemini refused the gateway's credentials: " + message;
            case RATE_LIMITED -> retryAfter = retryAfter == null ? 1 : retryAfter;
            default -> {
                // named as it is
            }
        }
        return new ChatEvent.Failed(kind, "backend '" + backendId + "': " + message, retryAfter);
    }

    /**
     * Gemini answers a wrong API key with 400 {@code INVALID_ARGUMENT}, which the shared
     * classification takes for the caller's mistake; it is the gateway's credentials that failed.
     */
    static ChatEvent.Failed refine(ChatEvent.Failed failed, String backendId) {
        if (failed.kind() == ErrorKind.INVALID_REQUEST && failed.message().contains(INVALID_KEY_MESSAGE)) {
            return ChatEvent.Failed.of(ErrorKind.AUTHENTICATION,
                    "backend '" + backendId + "': Gemini refused the gateway's API key (400): " + failed.message());
        }
        return failed;
    }

    /** The message of Gemini's 400 for a wrong key (its details carry the reason {@code API_KEY_INVALID}). */
    static final String INVALID_KEY_MESSAGE = "API key not valid";

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
