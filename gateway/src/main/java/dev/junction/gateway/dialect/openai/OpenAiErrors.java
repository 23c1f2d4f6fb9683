package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;

/**
 * OpenAI's error vocabulary in one place: the status of each failure kind, and the {@code type}
 * and {@code code} the real API gives each status (an unknown model is an
 * {@code invalid_request_error} with code {@code model_not_found}; a rate limit has type
 * {@code requests} and code {@code rate_limit_exceeded}).
 */
final class OpenAiErrors {

    /** The {@code type} and {@code code} fields of an error body; {@code code} may be null. */
    record ErrorType(String type, String code) {}

    private OpenAiErrors() {}

    static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION, UPSTREAM -> 502;
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case OVERLOADED, UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    static ErrorType type(int status) {
        return switch (status) {
            case 401 -> new ErrorType("invalid_request_error", "invalid_api_key");
            case 403 -> new ErrorType("request_forbidden", null);
            case 404 -> new ErrorType("invalid_request_error", "model_not_found");
            case 429 -> new ErrorType("requests", "rate_limit_exceeded");
            default -> new ErrorType(status >= 500 ? "server_error" : "invalid_request_error", null);
        };
    }

    /** The body of an error response. */
    static JsonObject body(ApiError error) {
        return body(error.status(), error.message(), error.param());
    }

    /** The error a stream ends with when its answer failed. */
    static JsonObject body(ChatEvent.Failed failed) {
        return body(status(failed.kind()), failed.message(), null);
    }

    private static JsonObject body(int status, String message, String param) {
        ErrorType type = type(status);
        // OpenAI says model_not_found only of models; an unknown URL has no code.
        String code = status == 404 && !"model".equals(param) ? null : type.code();
        return new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put("message", message)
                                .put("type", type.type())
                                .put("param", param)
                                .put("code", code));
    }
}
