package dev.junction.gateway.dialect.anthropic;

import dev.junction.plugin.ErrorKind;
import io.vertx.core.json.JsonObject;

/** The one table from failures to Anthropic statuses and error types, and the error body. */
final class AnthropicErrors {

    private AnthropicErrors() {}

    static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 502; // the gateway's upstream credentials, not the client's, were refused
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case OVERLOADED -> 529;
            case TIMEOUT -> 504;
            case UNAVAILABLE -> 503;
            case UPSTREAM -> 502;
            case INTERNAL -> 500;
        };
    }

    static String type(int status) {
        return switch (status) {
            case 400, 409, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    /** {@code {"type":"error","error":{"type":...,"message":...}}}: error responses and the stream's error event. */
    static JsonObject body(int status, String message) {
        return new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type(status)).put("message", message));
    }
}
