package dev.junction.plugins.openai;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Classifies an error that arrives inside a stream ({@code data: {"error": {...}}}) after the
 * upstream already answered 200, by its {@code code} and {@code type}: OpenAI's types, and the
 * plain {@code "error": "message"} of some compatible servers. Pure.
 */
final class StreamErrors {

    private StreamErrors() {}

    /**
     * The terminal event for {@code error}, the value of a chunk's {@code error} field. The message
     * is the upstream's; failures that are the gateway's rather than the caller's name the backend.
     */
    static ChatEvent.Failed failure(String backendId, Object error) {
        String message = null;
        String type = null;
        String code = null;
        if (error instanceof JsonObject object) {
            message = text(object.getValue("message"));
            type = text(object.getValue("type"));
            code = text(object.getValue("code"));
        } else {
            message = text(error);
        }
        if (message == null) {
            message = "no message";
        }
        ErrorKind kind = kind(code, type);
        String prefix = "backend '" + backendId + "': the upstream failed mid-stream: ";
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, PERMISSION -> ChatEvent.Failed.of(kind, message);
            case RATE_LIMITED -> new ChatEvent.Failed(kind, prefix + message, 1);
            default -> ChatEvent.Failed.of(kind, prefix + message);
        };
    }

    /** The kind for an error's {@code code} (checked first: it is the more precise) and {@code type}. */
    static ErrorKind kind(String code, String type) {
        ErrorKind byCode = code == null ? null : byName(code);
        if (byCode != null) {
            return byCode;
        }
        ErrorKind byType = type == null ? null : byName(type);
        return byType != null ? byType : ErrorKind.UPSTREAM;
    }

    private static ErrorKind byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "invalid_request_error", "context_length_exceeded", "invalid_prompt", "bad_request" ->
                    ErrorKind.INVALID_REQUEST;
            case "authentication_error", "invalid_api_key", "unauthorized" -> ErrorKind.AUTHENTICATION;
            case "permission_error", "permission_denied", "forbidden" -> ErrorKind.PERMISSION;
            case "not_found_error", "model_not_found", "not_found" -> ErrorKind.NOT_FOUND;
            case "rate_limit_error", "rate_limit_exceeded", "insufficient_quota", "tokens", "requests" ->
                    ErrorKind.RATE_LIMITED;
            case "overloaded_error", "server_overloaded", "service_unavailable", "overloaded" -> ErrorKind.OVERLOADED;
            case "timeout", "timeout_error" -> ErrorKind.TIMEOUT;
            default -> null;
        };
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
